"""Independent reference for the random stream behind the pinned values in src/sample.rs tests.

Pure Python (standard library only) re-implementation of:
  * rand_core 0.10.1  SeedableRng::seed_from_u64  (PCG32 expansion of the u64 into a 32-byte seed)
  * rand_chacha 0.10.0 ChaCha8Rng: from_seed, set_stream, next_u64
    (state = constants | 8 key words | 64-bit block counter in words 12-13 | 64-bit stream in
    words 14-15; next_u64 = first u32 word as the low half, second as the high half)
  * rand 0.10.4 distr::Bernoulli::new(p) + sample (one u64 per draw, true iff v < p * 2^64;
    p == 1 always true without consuming)

Run: python3 tools/chacha8_reference.py
"""

M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF


def seed_from_u64(state):
    """rand_core: fill the 32-byte seed with 8 little-endian PCG32 outputs."""
    seed = b""
    for _ in range(8):
        state = (state * 0x5851F42D4C957F2D + 0xA17654E46FBE17F3) & M64
        xorshifted = (((state >> 18) ^ state) >> 27) & M32
        rot = state >> 59
        x = ((xorshifted >> rot) | (xorshifted << (32 - rot))) & M32
        seed += x.to_bytes(4, "little")
    return seed


def _rotl(v, n):
    return ((v << n) | (v >> (32 - n))) & M32


def _quarter_round(s, a, b, c, d):
    s[a] = (s[a] + s[b]) & M32; s[d] = _rotl(s[d] ^ s[a], 16)
    s[c] = (s[c] + s[d]) & M32; s[b] = _rotl(s[b] ^ s[c], 12)
    s[a] = (s[a] + s[b]) & M32; s[d] = _rotl(s[d] ^ s[a], 8)
    s[c] = (s[c] + s[d]) & M32; s[b] = _rotl(s[b] ^ s[c], 7)


def chacha_block(key, counter, stream, double_rounds):
    """One 16-word ChaCha block (RFC 7539 quarter round) in rand_chacha's word layout."""
    init = ([0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
            + [int.from_bytes(key[i:i + 4], "little") for i in range(0, 32, 4)]
            + [counter & M32, counter >> 32, stream & M32, stream >> 32])
    s = list(init)
    for _ in range(double_rounds):
        _quarter_round(s, 0, 4, 8, 12); _quarter_round(s, 1, 5, 9, 13)
        _quarter_round(s, 2, 6, 10, 14); _quarter_round(s, 3, 7, 11, 15)
        _quarter_round(s, 0, 5, 10, 15); _quarter_round(s, 1, 6, 11, 12)
        _quarter_round(s, 2, 7, 8, 13); _quarter_round(s, 3, 4, 9, 14)
    return [(x + y) & M32 for x, y in zip(s, init)]


class ChaChaRng:
    """u32 words are consumed strictly in block order (rand_chacha buffers 4 blocks at a time,
    but no word is skipped, so a per-block buffer gives the same stream)."""

    def __init__(self, seed, double_rounds=4):  # 4 double rounds = ChaCha8
        self.key, self.stream, self.counter = seed, 0, 0
        self.double_rounds, self.buf = double_rounds, []

    @classmethod
    def seed_from_u64(cls, state):
        return cls(seed_from_u64(state))

    def set_stream(self, stream):
        # Only valid before any output is drawn (which is how src/sample.rs uses it).
        assert not self.buf and self.counter == 0
        self.stream = stream

    def next_u32(self):
        if not self.buf:
            self.buf = chacha_block(self.key, self.counter, self.stream, self.double_rounds)
            self.counter = (self.counter + 1) & M64
        return self.buf.pop(0)

    def next_u64(self):
        lo = self.next_u32()
        hi = self.next_u32()
        return (hi << 32) | lo


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
    # ChaCha20, all-zero key/counter/stream: test vector used by rand_chacha's own tests
    # (draft-nir-cfrg-chacha20-poly1305-04, vector 1), checks the block function and word order.
    rng = ChaChaRng(bytes(32), double_rounds=10)
    assert [rng.next_u32() for _ in range(3)] == [0xADE0B876, 0x903DF1A0, 0xE56A5D40]


def main():
    _self_test()
    for stream in (0, 1):
        rng = ChaChaRng.seed_from_u64(42)
        rng.set_stream(stream)
        print(f"seed 42 stream {stream} next_u64 x2: {[rng.next_u64(), rng.next_u64()]}")
    rng = ChaChaRng.seed_from_u64(42)
    rng.set_stream(0)
    b = Bernoulli(0.3)
    print(f"seed 42 stream 0 Bernoulli(0.3) x8: {[int(b.sample(rng)) for _ in range(8)]}")


if __name__ == "__main__":
    main()
