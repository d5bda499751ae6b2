// The engine's own reasons in the reader's language (issue 18): an element in Chinese shows a
// weights file that needs converting, a value out of range typed in the form and a checkpoint of
// a newer version in Chinese, the line of Python kept as it is; turned to English, the same
// messages are the engine's English words. A weights URL the server lacks is reported in Chinese too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, openHtml, assertClean, field, setInput, waitState, loadFileMethods, DEMO, recordWarnings } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const FILES = new URL('../fixtures/files/', import.meta.url);
/** English sentences of the engine's that a Chinese message must not hold (values aside). */
const ENGLISH = ['this file is', 'must be', 'cannot', 'a pickle', 'checkpoint was written', 'got ', 'line of Python'];

async function chinese() {
  const opened = await openHtml(env, '<rnn-playground lang="zh-CN" loading="eager"></rnn-playground>');
  await waitState(opened.page, 'ready', { timeout: 20_000 });
  return opened;
}
const choose = (page, input, name, buffer) =>
  page.locator(`${DEMO} [data-file="${input}"]`).setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
/**
 * Waits until the element's messages (its message area's, those under its Files buttons: a file
 * chosen; and those under its fields: a value typed and refused) match `pattern` (the element
 * may not have built its view yet); returns their text.
 */
async function waitMessage(page, pattern) {
  const texts = () => page.evaluate((sel) => [...(document.querySelector(sel)?.shadowRoot?.querySelectorAll('[data-messages], [data-file-messages], .rd-field__msg') ?? [])]
    .map((m) => m.textContent).join('\n'), DEMO);
  const end = Date.now() + 10_000;
  while (!pattern.test(await texts()) && Date.now() < end) await page.waitForTimeout(50);
  return texts();
}
function assertNoEnglish(text) {
  for (const english of ENGLISH) assert.ok(!text.includes(english), `"${english}" in ${text}`);
}

test('zh-CN: a .pth that needs converting is explained in Chinese, its line of Python as it is; in English, as the engine wrote it', async () => {
  const { page, context, problems } = await chinese();
  await choose(page, 'weights', 'epoch 3.pth', await fs.readFile(new URL('training_checkpoint.pth', FILES)));
  const text = await waitMessage(page, /无法从 epoch 3\.pth 导入权重/);
  assert.ok(text.includes('无法从 epoch 3.pth 导入权重：这个文件是一个用 torch.save 保存的 PyTorch 训练检查点，状态字典在 '
    + "['model_state_dict'] 下：这是 pickle 格式，只有 Python 能读取"), text);
  assert.ok(text.includes('下面这行 Python 代码能把它转换成 safetensors 文件，转换后就可以在这里导入：\n    '
    + "import torch; from safetensors.torch import save_file; save_file(torch.load('epoch 3.pth')['model_state_dict'], 'epoch 3.safetensors')"), text);
  assertNoEnglish(text.replace(/import torch;.*$/m, ''));
  // The same message, the element turned to English: the engine's own words.
  await page.locator(DEMO).evaluate((el) => el.setAttribute('lang', 'en'));
  const english = await waitMessage(page, /Could not import weights from epoch 3\.pth/);
  assert.ok(english.includes("this file is a PyTorch training checkpoint saved by torch.save, with the state dict under ['model_state_dict']: a pickle"), english);
  assertClean(problems);
  await context.close();
});

test('zh-CN: weights that load are reported in Chinese, which dict and format included; in English, as the engine wrote it', async () => {
  const { page, context, problems } = await chinese();
  await loadFileMethods(page);
  const weights = await page.locator(DEMO).evaluate((el) => el.trainer.exportWeights());
  const prefixed = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(weights)).map(([k, v]) => [`module.${k}`, v])));
  await choose(page, 'weights', 'rnn.json', Buffer.from(prefixed));
  const text = await waitMessage(page, /rnn\.json/);
  assert.ok(text.includes('已从 rnn.json 导入权重：加载的是 JSON 格式的状态字典；每个键都带有前缀“module.”，已去掉。'), text);
  assertNoEnglish(text);
  assert.ok(!/loaded|state dict|prefix/.test(text), text);
  await page.locator(DEMO).evaluate((el) => el.setAttribute('lang', 'en'));
  const english = await waitMessage(page, /Imported weights/);
  assert.ok(english.includes('Imported weights from rnn.json: loaded the state dict (JSON); every key had the prefix "module.", which was removed.'), english);
  assertClean(problems);
  await context.close();
});

test('zh-CN: a value out of range typed in the form is refused in Chinese, numbers and names as typed', async () => {
  const { page, context, problems } = await chinese();
  await setInput(page, 'hidden', '300');
  let text = await waitMessage(page, /hidden/);
  assert.match(text, /未应用：隐藏单元数（hidden）必须是 1 到 256 之间的整数，收到的是 300。/);
  await setInput(page, 'lr', '20');
  text = await waitMessage(page, /学习率/);
  assert.match(text, /未应用：学习率（lr）必须是大于 0 且不超过 10 的数，收到的是 20。/);
  assertNoEnglish(text);
  // In English, the same messages in the engine's words.
  await page.locator(DEMO).evaluate((el) => el.setAttribute('lang', 'en'));
  text = await waitMessage(page, /Not applied/);
  assert.match(text, /Not applied: Hidden size \(hidden\) must be an integer from 1 to 256, got 300\./);
  assert.match(text, /Not applied: Learning rate \(lr\) must be greater than 0 and at most 10, got 20\./);
  // The refused values changed nothing.
  const config = await page.locator(DEMO).evaluate((el) => el.config);
  assert.equal(config.hidden, 32);
  assert.equal(config.lr, 0.02);
  assert.equal(await field(page, 'hidden').inputValue(), '32');
  assertClean(problems);
  await context.close();
});

test('zh-CN: lists in messages are Chinese lists, names typed in Chinese quotes (the page\'s and the engine\'s): an unknown name in controls, a choice the engine refuses', async () => {
  const { page, context, problems } = await chinese();
  await page.locator(DEMO).evaluate((el) => el.setAttribute('controls', 'play,stpe,sped'));
  let text = await waitMessage(page, /stpe/);
  assert.match(text, /controls 无效：未知的名称“stpe”（step？）、“sped”（speed？）；可用的名称有 play、step、reset、/);
  await page.locator(DEMO).evaluate((el) => el.setAttribute('cell', 'transformer'));
  text = await waitMessage(page, /cell/);
  assert.match(text, /必须是以下之一：rnn、lstm、gru，收到的是“transformer”/);
  assertNoEnglish(text);
  // In English, the engine's words and the page's own.
  await page.locator(DEMO).evaluate((el) => el.setAttribute('lang', 'en'));
  text = await waitMessage(page, /Invalid controls/);
  assert.match(text, /Invalid controls: unknown names "stpe" \(step\?\), "sped" \(speed\?\); the names are play, step, reset, /);
  assert.match(text, /Cell \(cell\) must be one of rnn, lstm, gru, got "transformer"/);
  assertClean(problems);
  await context.close();
});

test('zh-CN: a setting changed in the form is named in Chinese with its value as the form shows it', async () => {
  const { page, context, problems } = await chinese();
  await field(page, 'cell').selectOption('lstm');
  let text = await waitMessage(page, /新的网络/);
  assert.match(text, /新的网络：\S+（cell）改为 LSTM；训练从第 0 步重新开始。/);
  await setInput(page, 'lr', '0.01');
  text = await waitMessage(page, /（lr）/);
  assert.match(text, /学习率（lr）现在是 0\.01；训练从第 0 步继续。/);
  assertClean(problems);
  await context.close();
});

test('zh-CN: a checkpoint of a newer version is refused in Chinese, saying which versions this one reads', async () => {
  const { page, context, problems } = await chinese();
  await loadFileMethods(page);
  const checkpoint = JSON.parse(await page.locator(DEMO).evaluate((el) => el.trainer.exportCheckpoint()));
  await choose(page, 'checkpoint', 'new.json', Buffer.from(JSON.stringify({ ...checkpoint, version: 2 })));
  const text = await waitMessage(page, /无法从 new\.json 导入检查点/);
  assert.ok(text.includes('无法从 new.json 导入检查点：这个检查点是由更新版本的 rnn-playground 写出的（格式版本 2）；'
    + '当前版本最多只能读取版本 1。'), text);
  assertNoEnglish(text);
  assertClean(problems);
  await context.close();
});

test('zh-CN: a checkpoint field of the wrong type, an unknown field and JSON with a syntax error are said in Chinese, serde\'s English words ("invalid type", "expected f64") read into the table\'s', async () => {
  const { page, context, problems } = await chinese();
  await loadFileMethods(page);
  const checkpoint = JSON.parse(await page.locator(DEMO).evaluate((el) => el.trainer.exportCheckpoint()));
  const cases = [
    ['lr.json', JSON.stringify({ ...checkpoint, config: { ...checkpoint.config, lr: 'fast' } }),
      '无法从 lr.json 导入检查点：检查点无效：它的字段 config.lr：必须是一个数，收到的是“fast”'],
    ['step.json', JSON.stringify({ ...checkpoint, step: -1 }),
      '无法从 step.json 导入检查点：检查点无效：它的字段 step：必须是一个非负整数，收到的是 -1'],
    ['extra.json', JSON.stringify({ ...checkpoint, config: { ...checkpoint.config, speed: 3 } }),
      '无法从 extra.json 导入检查点：检查点无效：它的字段 config：未知字段“speed”；这里的字段有“task”、'],
    ['syntax.json', JSON.stringify(checkpoint).replace('"format":', '"format"'),
      '无法从 syntax.json 导入检查点：不是有效的 JSON：第 1 行第 10 列：键的后面应当是冒号（:）'],
  ];
  for (const [name, body, said] of cases) {
    await choose(page, 'checkpoint', name, Buffer.from(body));
    const text = await waitMessage(page, new RegExp(`无法从 ${name.replace('.', '\\.')} 导入检查点`));
    assert.ok(text.includes(said), `${name}: ${text}`);
    assertNoEnglish(text);
    for (const english of ['invalid', 'expected', 'field', 'f64', 'u64']) assert.ok(!text.includes(english), `"${english}" in ${text}`);
  }
  assertClean(problems);
  await context.close();
});

test('zh-CN: the page\'s author is told in the console in Chinese too (a misspelt attribute, HTML\'s hidden given a size), once the element\'s texts have loaded', async () => {
  const { page, context, problems } = await openHtml(env, '<div lang="zh-CN"><rnn-playground id="a" loading="eager" hiddenSize="16"></rnn-playground><rnn-playground hidden="16"></rnn-playground></div>', { initScript: recordWarnings });
  await waitState(page, 'ready', { timeout: 20_000 });
  const warnings = await page.evaluate(() => window.warnings);
  assert.ok(warnings.includes('<rnn-playground>: 未知属性 hiddensize="16"，已忽略。是不是要写 hidden-size="16"？'), warnings.join(' | '));
  assert.ok(warnings.includes('<rnn-playground>: hidden="16" 是 HTML 的 hidden 属性，它会隐藏整个元素；隐藏单元数的属性是 hidden-size="16"'), warnings.join(' | '));
  assert.ok(!warnings.some((w) => /Unknown attribute|hides the element/.test(w)), warnings.join(' | '));
  assertClean(problems);
  await context.close();
});

test('zh-CN: a weights URL the server does not have is reported in Chinese with the server\'s status and what the run starts from', async () => {
  const { page, context, problems } = await openHtml(env, '<rnn-playground lang="zh-CN" loading="eager" weights="missing.json"></rnn-playground>');
  const text = await waitMessage(page, /无法从 missing\.json 加载权重/);
  assert.match(text, /无法从 missing\.json 加载权重（训练改为从随机种子生成的权重开始）：服务器返回 HTTP 404 找不到文件（请求的地址：http:\/\/127\.0\.0\.1:\d+\/__test__\/missing\.json）/);
  assert.ok(!text.includes('Not Found'), `the server's English words in ${text}`);
  // The only problems are the missing file's own 404.
  assert.ok(problems.length > 0 && problems.every((p) => /404|missing\.json/.test(p)), problems.join('\n'));
  await context.close();
});
