// The SDP object model is sdp-transform's; these names are what the rest of the engine imports.
import type { MediaAttributes, MediaDescription, SessionAttributes, SessionDescription } from 'sdp-transform';

export type { MediaDescription, SessionDescription } from 'sdp-transform';
export type Sdp = SessionDescription;
export type SdpMedia = MediaDescription;
/** Either level: sdp-transform puts any a= line on the level where it appears. */
export type SdpAttributes = SessionAttributes & Partial<MediaAttributes>;
export type SdpResult = { ok: true; value: Sdp } | { ok: false; error: string };
