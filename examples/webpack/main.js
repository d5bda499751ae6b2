// Importing the package defines <rnn-playground>; its engine API is there too.
import { Trainer, ready, wasmBuild } from 'rnn-playground';

await ready();
const t = new Trainer({ cell: 'lstm', hidden: 8 });
const loss = t.train(20);
t.free();
document.getElementById('engine').value = `20 LSTM windows trained with the ${wasmBuild()} build, loss ${loss.toPrecision(3)}`;
