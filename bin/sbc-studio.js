#!/usr/bin/env node
import { launch } from './launch.js';

await launch('sbc-studio', 'cli/sbc-studio.mjs');
