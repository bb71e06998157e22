"""Independent reference for the random stream behind the pinned values in src/sample.rs tests.

Why: a seed must give the same data on every machine and in every future version, so the
tests pin the first words and draws of the stream. Values recorded from the Rust code itself
would only pin whatever the code happens to do; this file re-derives them from the published
algorithms, in pure Python (standard library only), so that a pinned value is checked by a
second implementation.

It re-implements:
  * SplitMix64 (Vigna, splitmix64.c): x += 0x9E3779B97F4A7C15; z = x; mix z; return z.
  * xoshiro256++ (Blackman & Vigna, xoshiro256plusplus.c): next() as in the C reference.
  * nllplot's chunk seeding rule (src/sample.rs, `chunk_rng`): chunk c of seed s is
    xoshiro256++ whose four state words are the SplitMix64 outputs number 4c+1 .. 4c+4 of the
    SplitMix64 generator seeded with s, i.e. SplitMix64 started at state s + 4c*gamma (mod 2^64).
    Chunk 0 is therefore rand_xoshiro's `Xoshiro256PlusPlus::seed_from_u64(s)`.
  * rand 0.10 distr::Bernoulli::new(p) + sample: one u64 per draw, true iff v < (p * 2^64) as
    u64 (truncating); p == 1 is always true and consumes nothing.

The self-test checks both generators against the test vectors that rand_xoshiro 0.8 records
from the C reference implementations.

Run: python3 tools/xoshiro_reference.py
"""

M64 = 0xFFFFFFFFFFFFFFFF
GAMMA = 0x9E3779B97F4A7C15


def splitmix64_mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


class SplitMix64:
    def __init__(self, state):
        self.x = state & M64

    def next_u64(self):
        self.x = (self.x + GAMMA) & M64
        return splitmix64_mix(self.x)


def _rotl(v, k):
    return ((v << k) | (v >> (64 - k))) & M64


class Xoshiro256PlusPlus:
    def __init__(self, words):
        assert len(words) == 4 and any(words)
        self.s = [w & M64 for w in words]

    def next_u64(self):
        s = self.s
        result = (_rotl((s[0] + s[3]) & M64, 23) + s[0]) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 45)
        return result


def chunk_rng(seed, chunk):
    """The generator of chunk `chunk` for `seed` (nllplot's documented rule)."""
    sm = SplitMix64(seed + 4 * chunk * GAMMA)
    return Xoshiro256PlusPlus([sm.next_u64() for _ in range(4)])


class Bernoulli:
    def __init__(self, p):
        if p == 1.0:
            self.p_int = M64  # ALWAYS_TRUE
        elif 0.0 <= p < 1.0:
            self.p_int = int(p * 2.0 ** 64)  # (p * SCALE) as u64, truncating
        else:
            raise ValueError("p is outside [0, 1]")

    def sample(self, rng):
        if self.p_int == M64:
            return True
        return rng.next_u64() < self.p_int


def _self_test():
    # rand_xoshiro 0.8.2, src/splitmix64.rs `reference`: from the C reference splitmix64.c.
    sm = SplitMix64(1477776061723855037)
    assert [sm.next_u64() for _ in range(5)] == [
        1985237415132408290, 2979275885539914483, 13511426838097143398,
        8488337342461049707, 15141737807933549159,
    ]
    # rand_xoshiro 0.8.2, src/xoshiro256plusplus.rs `reference`: from xoshiro256plusplus.c,
    # state words 1, 2, 3, 4.
    x = Xoshiro256PlusPlus([1, 2, 3, 4])
    assert [x.next_u64() for _ in range(10)] == [
        41943041, 58720359, 3588806011781223, 3591011842654386, 9228616714210784205,
        9973669472204895162, 14011001112246962877, 12406186145184390807,
        15849039046786891736, 10450023813501588000,
    ]


def main():
    _self_test()
    for chunk in (0, 1, 15258):
        rng = chunk_rng(42, chunk)
        print(f"seed 42 chunk {chunk} next_u64 x2: {[rng.next_u64(), rng.next_u64()]}")
    rng = chunk_rng(42, 0)
    b = Bernoulli(0.3)
    print(f"seed 42 chunk 0 Bernoulli(0.3) x8: {[int(b.sample(rng)) for _ in range(8)]}")
    # The first draw of chunk 1 is draw number 65536 of the sample (CHUNK = 2^16 draws).
    rng = chunk_rng(42, 1)
    print(f"seed 42 chunk 1 Bernoulli(0.3) x8: {[int(b.sample(rng)) for _ in range(8)]}")


if __name__ == "__main__":
    main()
