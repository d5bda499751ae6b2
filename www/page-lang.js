// index.html and embed.html in the language of the URL's ?lang=, before any module runs. A
// classic script in <head>:
// - The element's fallback text ("Loading… if this text stays, the page's scripts could not
//   run…") in that language, where it is not English: it runs where the modules cannot (a page
//   opened as a file, a sandboxed iframe without CORS), which is when the text stays. The tag is
//   read as i18n.js resolveLocale reads it, for the languages it has: zh, zh-CN, zh-Hans… are
//   Chinese.
// - With data-hold (index.html, whose main.js reads ?lang= and writes the page's texts): the
//   page is not painted until main.js has written them over the English (or found it stays
//   English), so that nothing moves when they come (in Chinese at 360 px wide, the lead went
//   from 208 to 109 px high: a layout shift of 0.14; style.css hides the page meanwhile); after
//   3 s the page shows whatever happens (a browser without modules, a text that never comes).
(() => {
  const tag = new URLSearchParams(location.search).get('lang');
  if (tag === null) return;
  // (Not from a file: the modules never run there, and the fallback says why at once.)
  if (document.currentScript?.hasAttribute('data-hold') && location.protocol !== 'file:') {
    document.documentElement.dataset.translating = '';
    setTimeout(() => delete document.documentElement.dataset.translating, 3000);
  }
  if (!/^zh(?:$|[-_])/i.test(tag.trim())) return;
  /** The text, its code in {braces}. */
  const text = '正在加载：循环神经网络将在这里实时训练。如果这段文字一直没有消失，说明页面的脚本没能运行：请通过 Web 服务器打开本页（{npm start}，或在本文件夹中运行 {python3 -m http.server}），不要直接以文件方式打开；若在沙盒 iframe 中，服务器必须发送 {Access-Control-Allow-Origin: *}。';
  const write = () => {
    for (const p of document.querySelectorAll('.rnn-fallback')) {
      p.lang = 'zh-CN';
      p.replaceChildren(...text.split(/\{([^}]*)\}/).map((piece, i) => {
        if (i % 2 === 0) return piece;
        const code = document.createElement('code');
        code.textContent = piece;
        return code;
      }));
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', write, { once: true });
  else write();
})();
