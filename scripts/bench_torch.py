"""PyTorch's speed on the scale rows of `cargo bench -- --scale` (benches/steps.rs), with the
same protocol: one window of T points per step from k*pi to (k+1)*pi, sin in, cos out, batch 1,
the state carried and detached, Adam at lr 0.02, MSE. Prints one JSON object: steps/s per row
with one thread and with PyTorch's default threads (medians of three). Optional: needs torch
and numpy (`python3 -m venv .venv && .venv/bin/pip install torch numpy`); nothing else uses it.
"""
import json
import math
import time

import numpy as np
import torch
from torch import nn

ROWS = [
    ("RNN h32, 1 layer, T 10", "rnn", 32, 1, 10, 2000),
    ("LSTM h128, 2 layers, T 50", "lstm", 128, 2, 50, 60),
    ("GRU h256, 1 layer, T 100", "gru", 256, 1, 100, 30),
    ("LSTM h256, 4 layers, T 200", "lstm", 256, 4, 200, 6),
]


class Net(nn.Module):
    def __init__(self, cell, hidden, layers):
        super().__init__()
        kind = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cell]
        self.rnn = kind(input_size=1, hidden_size=hidden, num_layers=layers, batch_first=True)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x, state):
        h, state = self.rnn(x, state)
        return self.out(h), state


def rate(cell, hidden, layers, t_len, steps):
    torch.manual_seed(1)
    net = Net(cell, hidden, layers)
    opt = torch.optim.Adam(net.parameters(), lr=0.02)
    loss_fn = nn.MSELoss()
    windows = []
    for k in range(2):  # the values repeat every two windows
        t = np.linspace(k * math.pi, (k + 1) * math.pi, t_len)
        windows.append((torch.from_numpy(np.sin(t).astype(np.float32)).view(1, t_len, 1),
                        torch.from_numpy(np.cos(t).astype(np.float32)).view(1, t_len, 1)))
    state = None

    def run(n):
        nonlocal state
        for k in range(n):
            x, y = windows[k % 2]
            pred, state = net(x, state)
            state = tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()
            loss = loss_fn(pred, y)
            opt.zero_grad()
            loss.backward()
            opt.step()

    run(max(1, steps // 5))  # warm up
    rates = []
    for _ in range(3):
        start = time.perf_counter()
        run(steps)
        rates.append(steps / (time.perf_counter() - start))
    return sorted(rates)[1]


def main():
    default_threads = torch.get_num_threads()
    out = {"torch": torch.__version__, "default_threads": default_threads, "rows": {}}
    for name, cell, hidden, layers, t_len, steps in ROWS:
        torch.set_num_threads(1)
        one = rate(cell, hidden, layers, t_len, steps)
        torch.set_num_threads(default_threads)
        default = rate(cell, hidden, layers, t_len, steps)
        out["rows"][name] = {"one_thread": one, "default_threads": default}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
