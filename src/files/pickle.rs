//! What a PyTorch pickle holds, read from its structure alone: a state dict, a dict holding one
//! under some key (a training checkpoint), or an object of some class (a whole model). Only for
//! messages: no object is built and no code is run, and the tensors' data (stored beside the
//! pickle) is never read. Python's pickle opcodes (`pickletools`) are interpreted on a stack of
//! placeholders in which only strings, dicts, tensors and class names are kept.
//!
//! No Rust library reads PyTorch's pickles (serde-pickle stops at their persistent ids); this
//! reads the part that messages need.

use std::collections::{HashMap, HashSet};

/// What the pickle's top-level object is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pickled {
    /// A dict of tensors: `torch.save(model.state_dict(), …)`.
    StateDict,
    /// A dict holding a state dict under these keys, outermost first:
    /// `torch.save({'epoch': 3, 'model_state_dict': model.state_dict(), …}, …)`.
    Holder(Vec<String>),
    /// An object of this class (`module.Class`): `torch.save(model, …)`.
    Object(String),
    /// Anything else, or a pickle this reader does not follow.
    Unknown,
}

/// What the first pickle in `bytes` holds.
pub fn read(bytes: &[u8]) -> Pickled {
    Machine::default().run(bytes).map(|(top, _)| top).unwrap_or(Pickled::Unknown)
}

/// What `torch.save`'s legacy format (`_use_new_zipfile_serialization=False`) holds: its fourth
/// pickle, after the magic number, the protocol version and the system's description.
pub fn read_legacy(bytes: &[u8]) -> Pickled {
    let mut at = 0;
    for _ in 0..3 {
        match Machine::default().run(&bytes[at..]) {
            Some((_, len)) => at += len,
            None => return Pickled::Unknown,
        }
    }
    read(&bytes[at..])
}

/// A placeholder for a Python object.
#[derive(Debug, Clone)]
enum Obj {
    Str(String),
    /// Keys and values, as indices into the machine's objects (a dict is shared, as in Python).
    Dict(Vec<(usize, usize)>),
    Tensor,
    /// A class or function named by GLOBAL: `module.name`.
    Global(String),
    /// An instance of the class `module.name`.
    Instance(String),
    Other,
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Mark,
    Obj(usize),
}

#[derive(Default)]
struct Machine {
    objs: Vec<Obj>,
    stack: Vec<Slot>,
    memo: HashMap<u64, usize>,
}

/// Functions whose result is a tensor in PyTorch's pickles.
const TENSOR_BUILDERS: [&str; 4] = [
    "torch._utils._rebuild_tensor_v2",
    "torch._utils._rebuild_tensor",
    "torch._utils._rebuild_parameter",
    "torch._utils._rebuild_parameter_with_state",
];

impl Machine {
    /// Runs the pickle at the start of `b` to its STOP: what it holds and its length in bytes.
    /// None for a truncated pickle or an opcode it does not follow.
    fn run(&mut self, b: &[u8]) -> Option<(Pickled, usize)> {
        let mut at = 0;
        loop {
            let op = *b.get(at)?;
            at += 1;
            let mut take = |n: usize| -> Option<&[u8]> {
                let s = b.get(at..at.checked_add(n)?)?;
                at += n;
                Some(s)
            };
            match op {
                b'.' => break, // STOP
                0x80 => {
                    // PROTO
                    take(1)?;
                }
                0x95 => {
                    // FRAME
                    take(8)?;
                }
                b'(' => self.stack.push(Slot::Mark), // MARK
                b'0' => {
                    // POP
                    self.stack.pop()?;
                }
                b'1' => {
                    // POP_MARK
                    self.pop_mark()?;
                }
                b'2' => {
                    // DUP
                    let top = *self.stack.last()?;
                    self.stack.push(top);
                }
                // Memo: BINPUT, LONG_BINPUT, MEMOIZE; BINGET, LONG_BINGET.
                b'q' | b'r' | 0x94 => {
                    let key = match op {
                        b'q' => take(1)?[0] as u64,
                        b'r' => le(take(4)?),
                        _ => self.memo.len() as u64,
                    };
                    let Slot::Obj(top) = *self.stack.last()? else { return None };
                    self.memo.insert(key, top);
                }
                b'h' | b'j' => {
                    let key = if op == b'h' { take(1)?[0] as u64 } else { le(take(4)?) };
                    let obj = *self.memo.get(&key)?;
                    self.stack.push(Slot::Obj(obj));
                }
                // Strings: SHORT_BINUNICODE, BINUNICODE, BINUNICODE8.
                0x8c | b'X' | 0x8d => {
                    let len = match op {
                        0x8c => take(1)?[0] as u64,
                        b'X' => le(take(4)?),
                        _ => le(take(8)?),
                    };
                    let s = String::from_utf8_lossy(take(usize::try_from(len).ok()?)?).into_owned();
                    self.push(Obj::Str(s));
                }
                // Byte strings: SHORT_BINSTRING, BINSTRING, SHORT_BINBYTES, BINBYTES, BINBYTES8, BYTEARRAY8.
                b'U' | b'T' | b'C' | b'B' | 0x8e | 0x96 => {
                    let len = match op {
                        b'U' | b'C' => take(1)?[0] as u64,
                        b'T' | b'B' => le(take(4)?),
                        _ => le(take(8)?),
                    };
                    take(usize::try_from(len).ok()?)?;
                    self.push(Obj::Other);
                }
                // Numbers and constants: BININT, BININT1, BININT2, BINFLOAT, LONG1, LONG4, NONE, NEWTRUE, NEWFALSE.
                b'J' | b'K' | b'M' | b'G' | 0x8a | 0x8b | b'N' | 0x88 | 0x89 => {
                    match op {
                        b'J' => {
                            take(4)?;
                        }
                        b'K' => {
                            take(1)?;
                        }
                        b'M' => {
                            take(2)?;
                        }
                        b'G' => {
                            take(8)?;
                        }
                        0x8a => {
                            let n = take(1)?[0] as usize;
                            take(n)?;
                        }
                        0x8b => {
                            let n = le(take(4)?);
                            take(usize::try_from(n).ok()?)?;
                        }
                        _ => {}
                    }
                    self.push(Obj::Other);
                }
                // Text opcodes of protocol 0: INT, LONG, FLOAT, STRING, UNICODE, PERSID.
                b'I' | b'L' | b'F' | b'S' | b'V' | b'P' => {
                    let line = take_line(b, &mut at)?;
                    self.push(if op == b'V' {
                        Obj::Str(String::from_utf8_lossy(line).into_owned())
                    } else {
                        Obj::Other
                    });
                }
                b'c' => {
                    // GLOBAL: module and name on two lines.
                    let module = String::from_utf8_lossy(take_line(b, &mut at)?).into_owned();
                    let name = String::from_utf8_lossy(take_line(b, &mut at)?).into_owned();
                    self.push(Obj::Global(format!("{module}.{name}")));
                }
                0x93 => {
                    // STACK_GLOBAL
                    let name = self.pop_str()?;
                    let module = self.pop_str()?;
                    self.push(Obj::Global(format!("{module}.{name}")));
                }
                // Tuples and lists: their items are not needed.
                b')' | b']' | 0x8f => self.push(Obj::Other), // EMPTY_TUPLE, EMPTY_LIST, EMPTY_SET
                0x85..=0x87 => {
                    // TUPLE1, TUPLE2, TUPLE3
                    for _ in 0..(op - 0x84) {
                        self.pop()?;
                    }
                    self.push(Obj::Other);
                }
                b't' | b'l' | 0x91 => {
                    // TUPLE, LIST, FROZENSET
                    self.pop_mark()?;
                    self.push(Obj::Other);
                }
                b'a' => {
                    // APPEND
                    self.pop()?;
                }
                b'e' | 0x90 => {
                    // APPENDS, ADDITEMS
                    self.pop_mark()?;
                }
                b'}' => self.push(Obj::Dict(Vec::new())),
                b'd' => {
                    // DICT
                    let items = self.pop_mark()?;
                    let pairs = items.chunks_exact(2).map(|p| (p[0], p[1])).collect();
                    self.push(Obj::Dict(pairs));
                }
                b's' => {
                    // SETITEM
                    let value = self.pop()?;
                    let key = self.pop()?;
                    self.insert(&[key, value])?;
                }
                b'u' => {
                    // SETITEMS
                    let items = self.pop_mark()?;
                    self.insert(&items)?;
                }
                b'R' => {
                    // REDUCE: callable(*args)
                    self.pop()?;
                    let callable = self.pop()?;
                    let result = match &self.objs[callable] {
                        Obj::Global(g) if g == "collections.OrderedDict" => Obj::Dict(Vec::new()),
                        Obj::Global(g) if TENSOR_BUILDERS.contains(&g.as_str()) => Obj::Tensor,
                        Obj::Global(g) => Obj::Instance(g.clone()),
                        _ => Obj::Other,
                    };
                    self.push(result);
                }
                0x81 => {
                    // NEWOBJ: cls.__new__(cls, *args)
                    self.pop()?;
                    let class = self.pop()?;
                    let result = match &self.objs[class] {
                        Obj::Global(g) => Obj::Instance(g.clone()),
                        _ => Obj::Other,
                    };
                    self.push(result);
                }
                b'b' => {
                    // BUILD: the state set on the object below
                    self.pop()?;
                }
                b'Q' => {
                    // BINPERSID: a storage kept outside the pickle.
                    self.pop()?;
                    self.push(Obj::Other);
                }
                _ => return None,
            }
        }
        let Slot::Obj(top) = self.stack.pop()? else { return None };
        Some((self.describe(top), at))
    }

    fn push(&mut self, obj: Obj) {
        self.objs.push(obj);
        self.stack.push(Slot::Obj(self.objs.len() - 1));
    }

    fn pop(&mut self) -> Option<usize> {
        match self.stack.pop()? {
            Slot::Obj(i) => Some(i),
            Slot::Mark => None,
        }
    }

    fn pop_str(&mut self) -> Option<String> {
        let i = self.pop()?;
        match &self.objs[i] {
            Obj::Str(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// The objects above the topmost mark, which is removed.
    fn pop_mark(&mut self) -> Option<Vec<usize>> {
        let mark = self.stack.iter().rposition(|s| matches!(s, Slot::Mark))?;
        let items = self.stack.split_off(mark);
        items[1..].iter().map(|s| if let Slot::Obj(i) = s { Some(*i) } else { None }).collect()
    }

    /// Adds key, value, key, value… to the dict on top of the stack (other objects ignore them).
    fn insert(&mut self, items: &[usize]) -> Option<()> {
        let Slot::Obj(top) = *self.stack.last()? else { return None };
        if let Obj::Dict(pairs) = &mut self.objs[top] {
            pairs.extend(items.chunks_exact(2).map(|p| (p[0], p[1])));
        }
        Some(())
    }

    fn describe(&self, top: usize) -> Pickled {
        match &self.objs[top] {
            Obj::Dict(_) if self.is_state_dict(top) => Pickled::StateDict,
            Obj::Dict(_) => self
                .state_dict_path(top, 0, &mut HashSet::new())
                .map_or(Pickled::Unknown, |(_, path)| Pickled::Holder(path)),
            Obj::Instance(class) => Pickled::Object(class.clone()),
            _ => Pickled::Unknown,
        }
    }

    /// A non-empty dict whose keys are strings and whose values are all tensors.
    fn is_state_dict(&self, i: usize) -> bool {
        matches!(&self.objs[i], Obj::Dict(pairs) if !pairs.is_empty()
            && pairs.iter().all(|&(k, v)| matches!(self.objs[k], Obj::Str(_)) && matches!(self.objs[v], Obj::Tensor)))
    }

    /// The keys leading from the dict `i` to the largest state dict inside it (the model's, not an
    /// optimizer's per-parameter state), and that state dict's size; up to 4 levels down, each
    /// dict looked into once (a pickle's dicts can hold themselves).
    fn state_dict_path(&self, i: usize, depth: usize, seen: &mut HashSet<usize>) -> Option<(usize, Vec<String>)> {
        let Obj::Dict(pairs) = &self.objs[i] else { return None };
        if depth > 4 || !seen.insert(i) {
            return None;
        }
        let mut best: Option<(usize, Vec<String>)> = None;
        for &(k, v) in pairs {
            let Obj::Str(key) = &self.objs[k] else { continue };
            let found = match &self.objs[v] {
                Obj::Dict(inner) if self.is_state_dict(v) => Some((inner.len(), Vec::new())),
                _ => self.state_dict_path(v, depth + 1, seen),
            };
            if let Some((size, mut path)) = found {
                if best.as_ref().is_none_or(|(b, _)| size > *b) {
                    path.insert(0, key.clone());
                    best = Some((size, path));
                }
            }
        }
        best
    }
}

fn le(bytes: &[u8]) -> u64 {
    bytes.iter().rev().fold(0, |acc, &b| (acc << 8) | b as u64)
}

fn take_line<'a>(b: &'a [u8], at: &mut usize) -> Option<&'a [u8]> {
    let rest = b.get(*at..)?;
    let end = rest.iter().position(|&c| c == b'\n')?;
    *at += end + 1;
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_and_foreign_pickles_are_unknown() {
        assert_eq!(read(b""), Pickled::Unknown);
        assert_eq!(read(b"\x80\x02}q\x00(X\x03\x00\x00"), Pickled::Unknown);
        // An empty dict holds no state dict.
        assert_eq!(read(b"\x80\x02}q\x00."), Pickled::Unknown);
        // An opcode it does not follow (EXT1).
        assert_eq!(read(b"\x80\x02\x82\x01."), Pickled::Unknown);
    }
}
