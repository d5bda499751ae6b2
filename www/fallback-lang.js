// The element's fallback text (index.html, embed.html: "Loading… if this text stays, the page's
// scripts could not run…") in the language of the URL's ?lang=, where it is not English. A
// classic script: it runs where the modules cannot (a page opened as a file, a sandboxed iframe
// without CORS), which is when the text stays. The tag is read as i18n.js resolveLocale reads
// it, for the languages it has: zh, zh-CN, zh-Hans… are Chinese.
(() => {
  const tag = new URLSearchParams(location.search).get('lang') ?? '';
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
