// The page's own files, served by netl itself (no CDN: the page works offline). They are real files
// beside this one, imported as text (scripts/native-text.mjs for the bundle, vitest.config.ts for tests).
import PAGE_CSS from "./assets/page.css";
import PAGE_HTML from "./assets/page.html";
import PAGE_JS from "./assets/page.mjs";

export { PAGE_CSS, PAGE_HTML, PAGE_JS };
