//! Where each named parameter lives in the network's one flat buffer.
//!
//! All parameters (and their gradients, and the optimizer's moments) are stored in one
//! contiguous vector each, in PyTorch's `state_dict` order: per layer `weight_ih_l{l}`
//! `[gates·hidden, input]`, `weight_hh_l{l}` `[gates·hidden, hidden]`, `bias_ih_l{l}`,
//! `bias_hh_l{l}` `[gates·hidden]`; then the head's `out.weight` `[1, hidden]` and
//! `out.bias` `[1]`. That is also the order in which PyTorch initialises them.

use crate::training::config::Config;
use ndarray::{ArrayView2, ArrayViewMut2};
use std::ops::Range;

/// One named tensor: its PyTorch name, shape and place in the flat buffer.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamSpec {
    pub name: String,
    pub shape: Vec<usize>,
    pub offset: usize,
}

impl ParamSpec {
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn range(&self) -> Range<usize> {
        self.offset..self.offset + self.len()
    }
}

/// Ranges of one recurrent layer's four tensors in the flat buffer.
#[derive(Debug, Clone)]
pub struct LayerRanges {
    pub w_ih: Range<usize>,
    pub w_hh: Range<usize>,
    pub b_ih: Range<usize>,
    pub b_hh: Range<usize>,
    /// Input features of this layer: 1 for layer 0, `hidden` above it.
    pub input: usize,
    /// Rows of both weights: gates · hidden.
    pub rows: usize,
    pub hidden: usize,
}

impl LayerRanges {
    /// `weight_ih` `[gates·hidden, input]`, a view of `buf` (the parameters or their gradients).
    pub fn w_ih<'a, R>(&self, buf: &'a [R]) -> ArrayView2<'a, R> {
        view(&buf[self.w_ih.clone()], self.rows, self.input)
    }
    /// `weight_hh` `[gates·hidden, hidden]`.
    pub fn w_hh<'a, R>(&self, buf: &'a [R]) -> ArrayView2<'a, R> {
        view(&buf[self.w_hh.clone()], self.rows, self.hidden)
    }
    pub fn w_ih_mut<'a, R>(&self, buf: &'a mut [R]) -> ArrayViewMut2<'a, R> {
        view_mut(&mut buf[self.w_ih.clone()], self.rows, self.input)
    }
    pub fn w_hh_mut<'a, R>(&self, buf: &'a mut [R]) -> ArrayViewMut2<'a, R> {
        view_mut(&mut buf[self.w_hh.clone()], self.rows, self.hidden)
    }
}

fn view<R>(data: &[R], rows: usize, cols: usize) -> ArrayView2<'_, R> {
    ArrayView2::from_shape((rows, cols), data).expect("the layout's shape")
}

fn view_mut<R>(data: &mut [R], rows: usize, cols: usize) -> ArrayViewMut2<'_, R> {
    ArrayViewMut2::from_shape((rows, cols), data).expect("the layout's shape")
}

#[derive(Debug, Clone)]
pub struct ParamLayout {
    pub specs: Vec<ParamSpec>,
    pub layers: Vec<LayerRanges>,
    pub out_w: Range<usize>,
    pub out_b: Range<usize>,
    pub len: usize,
}

impl ParamLayout {
    pub fn new(config: &Config) -> Self {
        let rows = config.gates() * config.hidden;
        let h = config.hidden;
        let mut specs = Vec::new();
        let mut offset = 0;
        let mut add = |name: String, shape: Vec<usize>| {
            let spec = ParamSpec { name, shape, offset };
            offset += spec.len();
            let range = spec.range();
            specs.push(spec);
            range
        };
        let mut layers = Vec::new();
        for l in 0..config.layers {
            let input = if l == 0 { 1 } else { h };
            layers.push(LayerRanges {
                w_ih: add(format!("rnn.weight_ih_l{l}"), vec![rows, input]),
                w_hh: add(format!("rnn.weight_hh_l{l}"), vec![rows, h]),
                b_ih: add(format!("rnn.bias_ih_l{l}"), vec![rows]),
                b_hh: add(format!("rnn.bias_hh_l{l}"), vec![rows]),
                input,
                rows,
                hidden: h,
            });
        }
        let out_w = add("out.weight".into(), vec![1, h]);
        let out_b = add("out.bias".into(), vec![1]);
        ParamLayout { specs, layers, out_w, out_b, len: offset }
    }

    pub fn spec(&self, name: &str) -> Option<&ParamSpec> {
        self.specs.iter().find(|s| s.name == name)
    }
}
