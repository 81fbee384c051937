// The page's files (page.html, page.css, page.mjs), imported as their text.
declare module "*.html" {
  const text: string;
  export default text;
}
declare module "*.css" {
  const text: string;
  export default text;
}
declare module "*/page.mjs" {
  const text: string;
  export default text;
}
