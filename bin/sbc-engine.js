#!/usr/bin/env node
import { launch } from './launch.js';

await launch('sbc-engine', 'engine/sbc-engine.mjs');
