//! A zlib stream (RFC 1950) compressed on several cores, for the PNG's image data.
//!
//! Deflate was a tenth of a PNG figure's time, on one core. As pigz does, the data are cut
//! in parts and each part deflated on its own: every part but the last ends with a sync
//! flush (an empty stored block, so that it ends on a byte and with no final block), and the
//! last holds the final block. The raw deflate streams concatenated are one valid stream;
//! each part only starts with an empty window, which costs a few bytes of compression. The
//! checksum is the Adler-32 of the whole, combined from the parts'. The cuts are where the
//! caller says (a PNG's bands of rows), never where the threads happen to be, so the bytes
//! do not depend on the number of threads. A part is compressed by whichever thread made its
//! data, as soon as it is made ([`Part::of`]), and the parts joined once all are done
//! ([`stream`]).

use miniz_oxide::deflate::core::{
    compress_to_output, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};

/// The zlib header for deflate with a 32 KiB window at the fastest levels: CMF 0x78 and an
/// FLG whose check bits make the pair a multiple of 31 (RFC 1950, 2.2).
const HEADER: [u8; 2] = [0x78, 0x01];

/// Adler-32's modulus.
const BASE: u64 = 65521;

/// An empty final block (fixed Huffman codes, then the end-of-block code), which ends a
/// stream of no parts.
const EMPTY_FINAL: [u8; 2] = [0x03, 0x00];

/// One part of a stream's data, deflated on its own.
pub(crate) struct Part {
    raw: Vec<u8>,
    adler: u32,
    len: usize,
}

impl Part {
    /// `data` deflated at `level` (zlib's 0–9); the `last` part holds the final block.
    pub(crate) fn of(data: &[u8], level: u8, last: bool) -> Part {
        let flush = if last {
            TDEFLFlush::Finish
        } else {
            TDEFLFlush::Sync
        };
        Part {
            raw: raw_deflate(data, level, flush),
            adler: adler32(data),
            len: data.len(),
        }
    }
}

/// The zlib stream of the parts' data, in their order (the last made with `last`).
pub(crate) fn stream(parts: &[Part]) -> Vec<u8> {
    let size: usize = parts.iter().map(|p| p.raw.len()).sum();
    let mut out = Vec::with_capacity(HEADER.len() + size + EMPTY_FINAL.len() + 4);
    out.extend_from_slice(&HEADER);
    let mut adler = 1;
    for part in parts {
        out.extend_from_slice(&part.raw);
        adler = combined(adler, part.adler, part.len);
    }
    if parts.is_empty() {
        out.extend_from_slice(&EMPTY_FINAL);
    }
    out.extend_from_slice(&adler.to_be_bytes());
    out
}

/// `data` as raw deflate blocks (no zlib header), ended by `flush`.
fn raw_deflate(data: &[u8], level: u8, flush: TDEFLFlush) -> Vec<u8> {
    // A negative window size asks for raw deflate, without the zlib header and checksum.
    let flags = create_comp_flags_from_zip_params(i32::from(level), -15, 0);
    let mut compressor = CompressorOxide::new(flags);
    let mut out = Vec::with_capacity(data.len() / 8 + 64);
    let (status, _) = compress_to_output(&mut compressor, data, flush, |bytes| {
        out.extend_from_slice(bytes);
        true
    });
    // The output goes into a growing buffer, which cannot refuse it: the only outcomes are
    // "all compressed" (Okay after a sync flush, Done after the final block).
    debug_assert!(matches!(status, TDEFLStatus::Okay | TDEFLStatus::Done));
    out
}

fn adler32(data: &[u8]) -> u32 {
    let mut adler = simd_adler32::Adler32::new();
    adler.write(data);
    adler.finish()
}

/// The Adler-32 of `a`'s data followed by `b`'s `len_b` bytes (zlib's `adler32_combine`):
/// the second part's byte sum starts from the first's, and each of its `len_b` running sums
/// carries the first part's byte sum once more.
fn combined(a: u32, b: u32, len_b: usize) -> u32 {
    let rem = len_b as u64 % BASE;
    let (a1, a2) = (u64::from(a & 0xffff), u64::from(a >> 16));
    let (b1, b2) = (u64::from(b & 0xffff), u64::from(b >> 16));
    // Both parts' byte sums start at 1: one of the two is too many.
    let sum1 = (a1 + b1 + BASE - 1) % BASE;
    let sum2 = (a2 + b2 + rem * a1 + BASE - rem) % BASE;
    (sum2 << 16 | sum1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;
    use std::io::Read;

    /// `data` as one zlib stream at deflate `level`, cut at `cuts` (ascending) and the parts
    /// compressed at once (as a PNG's bands are).
    fn in_parts(data: &[u8], cuts: &[usize], level: u8) -> Vec<u8> {
        let mut edges = vec![0];
        edges.extend(cuts.iter().map(|&c| c.min(data.len())));
        edges.push(data.len());
        let parts: Vec<Part> = edges
            .par_windows(2)
            .enumerate()
            .map(|(i, edge)| Part::of(&data[edge[0]..edge[1]], level, i + 2 == edges.len()))
            .collect();
        stream(&parts)
    }

    /// Bytes with long runs and some noise, as a palette picture's rows.
    fn picture(n: usize) -> Vec<u8> {
        let mut state = 12345u32;
        (0..n)
            .map(|i| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                if i % 97 < 80 {
                    (i / 500) as u8
                } else {
                    (state >> 24) as u8
                }
            })
            .collect()
    }

    /// flate2's zlib decoder (a second implementation) reads the two halves back as the data,
    /// and checks the combined checksum, wherever the cut falls.
    #[test]
    fn the_halves_decode_to_the_data() {
        let data = picture(200_003);
        for split in [0, 1, 65_536, 100_001, 199_999, 200_003] {
            let stream = in_parts(&data, &[split], 1);
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(&stream[..])
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, data, "split at {split}");
            assert!(stream.len() < data.len() / 4, "{} bytes", stream.len());
        }
        // Three parts and more, one of them empty.
        let stream = in_parts(&data, &[1000, 1000, 50_000, 150_000], 1);
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(&stream[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, data);
        // Empty data, in one part and in none.
        for stream in [in_parts(&[], &[], 1), super::stream(&[])] {
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(&stream[..])
                .read_to_end(&mut back)
                .unwrap();
            assert!(back.is_empty());
        }
    }

    /// The checksum of the whole from the parts' equals the checksum of the whole, and the
    /// checksum itself is Adler-32's value for a text worked in RFC 1950's definition:
    /// "Wikipedia" sums to 920 (A) and 4582 (B), 0x11E60398.
    #[test]
    fn checksums_combine_as_one_over_the_whole() {
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        let data = picture(300_000);
        for cut in [0, 1, 5552, 65_521, 150_000, 299_999, 300_000] {
            let (x, y) = data.split_at(cut);
            assert_eq!(
                combined(adler32(x), adler32(y), y.len()),
                adler32(&data),
                "cut at {cut}"
            );
        }
    }
}
