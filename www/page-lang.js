// index.html in a language of its URL's ?lang= (main.js reads it): the page is not painted until
// main.js has written its texts over the English (or found it stays English), so that nothing
// moves when they come (in Chinese at 360 px wide, the lead went from 208 to 109 px high: a
// layout shift of 0.14). A classic script in <head>, run before the first paint (style.css hides
// the page meanwhile); after 3 s the page shows whatever happens (a browser without modules, a
// text that never comes).
if (new URLSearchParams(location.search).has('lang')) {
  document.documentElement.dataset.translating = '';
  setTimeout(() => delete document.documentElement.dataset.translating, 3000);
}
