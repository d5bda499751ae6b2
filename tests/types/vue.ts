// <rnn-playground> in a Vue template, with the package's Vue typings (rnn-playground/vue): Volar
// and vue-tsc check a template's tag against its GlobalComponents entry's `$props`, and `@step`
// against `onStep`; these are checked here the same way, with tsc. Each line marked with
// the expect-error directive must be an error, which shows the tag is checked (not `any`).
import type {} from 'rnn-playground/vue';
import type { GlobalComponents } from 'vue';

type Props = InstanceType<GlobalComponents['rnn-playground']>['$props'];

export const template: Props = {
  cell: 'lstm', 'hidden-size': 16, lr: '0.01', task: 'square', 'carry-state': 'false', controls: 'play,step,lr',
  theme: 'dark', autoplay: '', class: 'wide', id: 'first', key: 1,
  onStep: (e) => console.log(e.detail.step, e.detail.loss),
  onStatechange: (e) => console.log(e.detail.state),
  onError: (e) => console.log(e.detail.message),
};

// @ts-expect-error: not a cell
export const notACell: Props = { cell: 'foo' };
// @ts-expect-error: hidden-size is a number
export const notANumber: Props = { 'hidden-size': 'many' };
// @ts-expect-error: not a theme
export const notATheme: Props = { theme: 'blue' };
// @ts-expect-error: step events carry {step, loss}
export const wrongDetail: Props = { onStep: (e) => e.detail.message.length };
// @ts-expect-error: a misspelt setting
export const misspelt: Props = { 'hiden-size': 8 };

// The element itself, from a template ref.
export function played(el: InstanceType<GlobalComponents['rnn-playground']>): number {
  el.play();
  return el.stepCount;
}
