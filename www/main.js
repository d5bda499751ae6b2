// Entry point of index.html: the page is one <rnn-playground> element that owns the URL query
// and the page's keyboard (sync-url, keyboard="page"); defining the element is all it takes.
import './rnn-playground.js';
