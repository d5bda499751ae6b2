//! PyTorch's CPU random generator (MT19937) and its `uniform_` for float32 tensors,
//! reproduced bit for bit so that `torch.manual_seed(seed)` initialisations match.

/// The Mersenne Twister MT19937 as seeded by `init_genrand(seed)`.
pub struct Mt19937 {
    state: [u32; 624],
    index: usize,
}

impl Mt19937 {
    /// `torch.manual_seed(seed)`: PyTorch's CPU generator keeps the low 32 bits.
    pub fn new(seed: u32) -> Self {
        let mut state = [0u32; 624];
        state[0] = seed;
        for i in 1..624 {
            let prev = state[i - 1];
            state[i] = 1_812_433_253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        Mt19937 { state, index: 624 }
    }

    /// The next 32-bit output (`genrand_int32`).
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= 624 {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    fn twist(&mut self) {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        for i in 0..624 {
            let y = (self.state[i] & UPPER) | (self.state[(i + 1) % 624] & LOWER);
            let mut next = self.state[(i + 397) % 624] ^ (y >> 1);
            if y & 1 != 0 {
                next ^= 0x9908_b0df;
            }
            self.state[i] = next;
        }
        self.index = 0;
    }

    /// Fills `out` as `tensor.uniform_(-bound, bound)` does for float32 on the CPU:
    /// u = (r & 0xFFFFFF)·2^-24 and value = float32(u·d + lo), with lo = float32(-bound),
    /// hi = float32(bound) and d = float32(hi - lo), all in double after those casts.
    pub fn fill_uniform(&mut self, out: &mut [f32], bound: f64) {
        let lo = (-bound) as f32 as f64;
        let hi = bound as f32 as f64;
        let d = (hi - lo) as f32 as f64;
        for v in out {
            let u = (self.next_u32() & 0x00ff_ffff) as f64 * (1.0 / 16_777_216.0);
            *v = (u * d + lo) as f32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_mt19937_sequence() {
        // The first outputs of init_genrand(5489), the reference implementation's default seed.
        let mut mt = Mt19937::new(5489);
        let first: Vec<u32> = (0..3).map(|_| mt.next_u32()).collect();
        assert_eq!(first, [3_499_211_612, 581_869_302, 3_890_346_734]);
    }
}
