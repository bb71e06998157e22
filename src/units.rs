//! Physical lengths for figure sizes: `1200`, `1200px`, `12cm`, `120mm`, `3.5in`, `252pt`.
//!
//! A figure is laid out in CSS pixels (1/96 inch) whatever unit its size was given in, so a
//! theme's font sizes mean the same thing on paper at any size; `--dpi` only decides how many
//! PNG pixels an inch becomes. Keeping the unit the user typed lets the SVG declare its size
//! in that unit (`width="12cm"`), which is what LaTeX and Inkscape read.

use crate::digits::shortest;
use std::fmt;
use std::str::FromStr;

/// CSS pixels per inch: the fixed ratio of the SVG and CSS specifications.
pub const PX_PER_INCH: f64 = 96.0;

/// A unit a figure size can be given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Px,
    In,
    Cm,
    Mm,
    Pt,
}

impl Unit {
    const ALL: [Unit; 5] = [Unit::Px, Unit::In, Unit::Cm, Unit::Mm, Unit::Pt];

    pub fn name(self) -> &'static str {
        match self {
            Unit::Px => "px",
            Unit::In => "in",
            Unit::Cm => "cm",
            Unit::Mm => "mm",
            Unit::Pt => "pt",
        }
    }

    /// CSS pixels in one of this unit.
    pub fn px(self) -> f64 {
        match self {
            Unit::Px => 1.0,
            Unit::In => PX_PER_INCH,
            Unit::Cm => PX_PER_INCH / 2.54,
            Unit::Mm => PX_PER_INCH / 25.4,
            Unit::Pt => PX_PER_INCH / 72.0,
        }
    }
}

/// A length as typed: a number and a unit (pixels when none is given).
///
/// ```
/// use nllplot::units::{Length, Size};
///
/// let column: Length = "3.5in".parse().unwrap();
/// assert_eq!(column.to_px(), 336.0); // CSS pixels: 96 per inch
/// let size: Size = "12cm x 6cm".parse().unwrap();
/// assert_eq!(size.width.svg_attribute(), "12cm");
/// assert!("12 furlongs".parse::<Length>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length {
    pub value: f64,
    pub unit: Unit,
}

impl Length {
    pub const fn px(value: f64) -> Length {
        Length {
            value,
            unit: Unit::Px,
        }
    }

    pub const fn cm(value: f64) -> Length {
        Length {
            value,
            unit: Unit::Cm,
        }
    }

    pub const fn inches(value: f64) -> Length {
        Length {
            value,
            unit: Unit::In,
        }
    }

    /// The length in CSS pixels.
    pub fn to_px(self) -> f64 {
        self.value * self.unit.px()
    }

    /// The length as an SVG `width`/`height` attribute: a bare number for pixels, so that
    /// the default figure keeps the plain pixel size every viewer expects.
    pub fn svg_attribute(self) -> String {
        match self.unit {
            Unit::Px => format!("{}", self.value),
            unit => format!("{}{}", self.value, unit.name()),
        }
    }
}

impl FromStr for Length {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let (number, unit) = match Unit::ALL
            .into_iter()
            .find(|u| t.to_ascii_lowercase().ends_with(u.name()))
        {
            Some(u) => (t[..t.len() - 2].trim_end(), u),
            None => (t, Unit::Px),
        };
        let value: f64 = number.parse().map_err(|_| {
            format!("'{s}' is not a length: expected a number with px, in, cm, mm or pt")
        })?;
        if !value.is_finite() {
            return Err(format!("'{s}' is not a finite length"));
        }
        // A zero or negative length parses: the config refuses it in words that name the
        // option ("--width must be positive"), which a parser cannot.
        Ok(Length { value, unit })
    }
}

impl fmt::Display for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", shortest(self.value), self.unit.name())
    }
}

/// `W x H` as typed after `--size`, e.g. `12cm x 6cm`, `12cmx6cm` or `1200x500`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: Length,
    pub height: Length,
}

impl FromStr for Size {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (w, h) = s
            .split_once(['x', 'X', '×'])
            .ok_or_else(|| format!("'{s}' is not a size: expected W x H, e.g. 12cm x 6cm"))?;
        let side = |t: &str| -> Result<Length, String> {
            let l: Length = t.parse()?;
            if l.value > 0.0 {
                Ok(l)
            } else {
                Err(format!("'{}' is not a positive length", t.trim()))
            }
        };
        Ok(Size {
            width: side(w)?,
            height: side(h)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_convert_through_the_inch() {
        // 1 in = 2.54 cm = 25.4 mm = 72 pt = 96 px (CSS Values and Units, §5.2).
        for s in ["1in", "2.54cm", "25.4 mm", "72pt", "96px", "96"] {
            let l: Length = s.parse().unwrap();
            assert!((l.to_px() - 96.0).abs() < 1e-9, "{s}");
        }
        assert_eq!(Length::inches(3.5).svg_attribute(), "3.5in");
        assert_eq!(Length::px(1200.0).svg_attribute(), "1200");
    }

    #[test]
    fn sizes_parse_with_or_without_spaces() {
        let s: Size = "12cm x 6cm".parse().unwrap();
        assert_eq!(
            s.width,
            Length {
                value: 12.0,
                unit: Unit::Cm
            }
        );
        assert_eq!(
            s.height,
            Length {
                value: 6.0,
                unit: Unit::Cm
            }
        );
        let s: Size = "1200x500".parse().unwrap();
        assert_eq!(s.height.to_px(), 500.0);
        for bad in ["12cm", "ax6", "12cm x -1cm", "12furlongs x 1in", "0x5"] {
            assert!(bad.parse::<Size>().is_err(), "{bad}");
        }
    }
}
