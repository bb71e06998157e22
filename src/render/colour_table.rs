//! A small open-addressing table from a colour (four bytes as a `u32`) to a number.
//!
//! The PNG palette and the GIF frames look a colour up at every change of colour along a row,
//! hundreds of thousands of times a picture; a figure has a few thousand colours at most.
//! This table is several times faster there than a `HashMap` with its default hasher.

/// Colour → number, for at most 4096 colours.
pub(crate) struct ColourTable {
    /// `colour + 1 << 32` where used, 0 where empty.
    keys: Vec<u64>,
    values: Vec<u32>,
    used: usize,
}

impl ColourTable {
    pub(crate) const SLOTS: usize = 1 << 13;

    pub(crate) fn new() -> ColourTable {
        ColourTable {
            keys: vec![0; Self::SLOTS],
            values: vec![0; Self::SLOTS],
            used: 0,
        }
    }

    /// The number kept for `colour`, 0 at first; `None` once the picture has too many
    /// colours for a palette to be worth it (more than half the slots).
    pub(crate) fn slot(&mut self, colour: u32) -> Option<&mut u32> {
        let at = self.position(colour)?;
        Some(&mut self.values[at])
    }

    /// Where `colour`'s number is kept (see [`Self::value`]), inserting it; `None` as for
    /// [`Self::slot`]. A caller that meets the same colour again may keep the position
    /// instead of looking the colour up twice.
    pub(crate) fn position(&mut self, colour: u32) -> Option<usize> {
        let stored = colour as u64 | 1 << 32;
        let mut i = (colour.wrapping_mul(0x9e37_79b1) >> 19) as usize;
        loop {
            match self.keys[i] {
                0 => {
                    if self.used >= Self::SLOTS / 2 {
                        return None;
                    }
                    self.keys[i] = stored;
                    self.used += 1;
                    return Some(i);
                }
                k if k == stored => return Some(i),
                _ => i = (i + 1) & (Self::SLOTS - 1),
            }
        }
    }

    /// The number kept at a position [`Self::position`] gave.
    pub(crate) fn value(&mut self, at: usize) -> &mut u32 {
        &mut self.values[at]
    }

    /// The number kept for `colour`, if it has one: a lookup that many threads may share.
    pub(crate) fn get(&self, colour: u32) -> Option<u32> {
        let stored = colour as u64 | 1 << 32;
        let mut i = (colour.wrapping_mul(0x9e37_79b1) >> 19) as usize;
        loop {
            match self.keys[i] {
                0 => return None,
                k if k == stored => return Some(self.values[i]),
                _ => i = (i + 1) & (Self::SLOTS - 1),
            }
        }
    }

    /// Each colour with its position and number.
    pub(crate) fn positions(&self) -> impl Iterator<Item = (usize, u32, u32)> + '_ {
        self.keys
            .iter()
            .zip(&self.values)
            .enumerate()
            .filter(|(_, (k, _))| **k != 0)
            .map(|(i, (k, v))| (i, *k as u32, *v))
    }

    pub(crate) fn entries(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.keys
            .iter()
            .zip(&self.values)
            .filter(|(k, _)| **k != 0)
            .map(|(k, v)| (*k as u32, *v))
    }
}
