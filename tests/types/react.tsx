// <rnn-playground> in React 19's JSX, with the package's React typings (rnn-playground/react):
// the attributes take the settings' own types, listeners get the element's events. Each line
// marked @ts-expect-error must be an error, which shows the tag is checked (not `any`).
import type {} from 'rnn-playground/react';
import type { RnnPlayground } from 'rnn-playground';

export function Demo({ onLoss }: { onLoss: (loss: number) => void }) {
  return (
    <>
      <rnn-playground cell="lstm" hidden-size={16} lr="0.01" task="square" carry-state="false" controls="play,step,lr"
        charts="strip,loss" theme="dark" loading="eager" autoplay="" className="wide" id="first"
        onstep={(e) => onLoss(e.detail.loss)} onstatechange={(e) => console.log(e.detail.state)}
        onerror={(e) => console.log(e.detail.message)} ref={(el: RnnPlayground | null) => el?.play()} />
      <rnn-playground weight-decay="0.01" stop-after={60} />
      <rnn-playground speed="max" clip-norm="off" stop-after="never" />
      {/* A boolean attribute as React writes booleans (it had been refused: TS2322 on autoplay={true}). */}
      <rnn-playground autoplay sync-url={false} />
      <rnn-playground autoplay={true} />
    </>
  );
}

export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error: not a cell */}
      <rnn-playground cell="foo" />
      {/* @ts-expect-error: hidden-size is a number */}
      <rnn-playground hidden-size="many" />
      {/* @ts-expect-error: speed is a number or max (its word for 0), not any word */}
      <rnn-playground speed="fast" />
      {/* @ts-expect-error: carry-state is "true" or "false" */}
      <rnn-playground carry-state="yes please" />
      {/* @ts-expect-error: not a theme */}
      <rnn-playground theme="blue" />
      {/* @ts-expect-error: a boolean only where the attribute is one */}
      <rnn-playground theme={true} />
      {/* @ts-expect-error: weights is a URL (true would be written weights="", the page's own address) */}
      <rnn-playground weights={true} />
      {/* @ts-expect-error: charts is a list of names */}
      <rnn-playground charts={true} />
      {/* @ts-expect-error: step events carry {step, loss} */}
      <rnn-playground onstep={(e) => e.detail.message.length} />
      {/* @ts-expect-error: a misspelt setting (JSX lets any name with a hyphen through, so one without) */}
      <rnn-playground cel="lstm" />
    </>
  );
}
