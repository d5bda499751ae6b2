// The site's theme, and the package: importing it defines <rnn-playground> in the browser. On the
// server, where VitePress renders the pages first, it defines nothing and the tags are rendered as
// written; they upgrade and start once the page loads.
import 'rnn-playground';
import Layout from './Layout.vue';
import './style.css';

export default { Layout };
