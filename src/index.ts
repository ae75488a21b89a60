/** Cloudflare Worker entry. */
import { createApp } from "./http/app.js";

export default createApp();
