/** The shared bad-input corpus inside workerd, through the Worker's own fetch handler. */
import { exports } from "cloudflare:workers";
import { badInputSuite } from "../support/bad-input-suite.js";

badInputSuite((path, init) => exports.default.fetch(new Request(`http://meshsim.test${path}`, init)));
