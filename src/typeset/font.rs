//! The fonts a figure is drawn with: DejaVu Sans, compiled into the binary, and optionally a
//! font file given with `--font` (TTF, OTF, or one face of a TTC collection), which then comes
//! first and DejaVu Sans fills in any character it lacks.
//!
//! Bundling DejaVu Sans (free licence, in `assets/`) means the layout computed here, the PNG
//! resvg rasterises and the SVG a reader opens all agree, on any machine, with no fontconfig or
//! freetype to link or configure. A `--font` file is read once, checked, and registered in one
//! process-wide font database ([`database`]) that every consumer of the SVG uses: the PNG
//! rasteriser, the PDF writer and `--text-as-paths`. The layout measures text with the same
//! faces ([`Faces`]), so what is measured is what is drawn.

use ab_glyph::{Font as _, FontArc, FontRef, GlyphId};
use resvg::usvg::fontdb;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The family name the figures ask for; it is the bundled font's own name.
pub const FAMILY: &str = "DejaVu Sans";
/// What the SVG asks a viewer for after the figure's own font: the bundled font, then
/// look-alikes.
pub const SVG_FAMILY: &str = "DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif";
/// DejaVu Sans 2.37 (Debian's fonts-dejavu-core); licence in assets/DejaVuSans-LICENSE.txt.
pub const BYTES: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// Makes the bundled font known to plotters' text measurement (the two-parameter figures use
/// it); safe to call any number of times.
pub fn register() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font(FAMILY, plotters::style::FontStyle::Normal, BYTES)
                .map_err(|_| "the bundled font could not be loaded".to_string())
        })
        .clone()
}

/// A font file given with `--font`, read and checked.
pub struct FontFile {
    /// As given, without a `#N` face suffix.
    path: PathBuf,
    /// The face of a collection (0 for a plain font file).
    index: u32,
    /// The face's family name, as the SVG asks for it.
    family: String,
    face: FontArc,
}

impl FontFile {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The face's family name ("Noto Sans CJK SC").
    pub fn family(&self) -> &str {
        &self.family
    }

    /// The face within the file.
    pub fn index(&self) -> u32 {
        self.index
    }
}

impl fmt::Debug for FontFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} #{} ({})",
            self.path.display(),
            self.index,
            self.family
        )
    }
}

impl PartialEq for FontFile {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.index == other.index
    }
}

/// The fonts loaded so far, and the database that holds them beside the bundled font.
struct Registry {
    files: Vec<Arc<FontFile>>,
    database: Arc<fontdb::Database>,
}

fn registry() -> &'static Mutex<Registry> {
    static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(BYTES.to_vec());
        db.set_sans_serif_family(FAMILY);
        Mutex::new(Registry {
            files: Vec::new(),
            database: Arc::new(db),
        })
    })
}

/// The font database every renderer of our SVG uses: the bundled font first (so that it is
/// the fallback for characters a `--font` lacks), then every font loaded with [`load`].
pub fn database() -> Arc<fontdb::Database> {
    registry()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .database
        .clone()
}

/// Reads a font file for `--font`: `PATH`, or `PATH#N` for face N of a collection (the first
/// face otherwise). Loading the same file twice returns the same font.
pub fn load(spec: &Path) -> Result<Arc<FontFile>, crate::error::Error> {
    use crate::error::Error;
    let (path, index) = split_face(spec);
    let mut reg = registry().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(f) = reg
        .files
        .iter()
        .find(|f| f.path == path && f.index == index)
    {
        return Ok(f.clone());
    }
    let name = path.display();
    let bytes = std::fs::read(&path).map_err(|source| Error::Read {
        path: path.clone(),
        source,
    })?;
    let data: Arc<Vec<u8>> = Arc::new(bytes);
    let mut probe = fontdb::Database::new();
    let ids = probe.load_font_source(fontdb::Source::Binary(data.clone()));
    let faces: Vec<&fontdb::FaceInfo> = ids.iter().filter_map(|&id| probe.face(id)).collect();
    if faces.is_empty() {
        return Err(Error::Usage(format!(
            "--font {name} is not a font file (expected TrueType, OpenType or a TTC collection)"
        )));
    }
    let face = faces.iter().find(|f| f.index == index).ok_or_else(|| {
        Error::Usage(format!(
            "--font {name}#{index}: the collection has {} faces, numbered 0 to {}",
            faces.len(),
            faces.len() - 1
        ))
    })?;
    let family = face
        .families
        .iter()
        .find(|(_, lang)| *lang == fontdb::Language::English_UnitedStates)
        .or(face.families.first())
        .map(|(name, _)| name.clone())
        .unwrap_or_else(|| face.post_script_name.clone());
    let glyphs = ab_glyph::FontVec::try_from_vec_and_index(data.as_ref().clone(), index)
        .map_err(|_| Error::Usage(format!("--font {name} could not be read as a font")))?;
    let file = Arc::new(FontFile {
        path: path.clone(),
        index,
        family,
        face: FontArc::new(glyphs),
    });
    let mut db = reg.database.as_ref().clone();
    db.load_font_source(fontdb::Source::Binary(data));
    reg.database = Arc::new(db);
    reg.files.push(file.clone());
    Ok(file)
}

/// `PATH#N` names face N of a collection, unless a file of that whole name exists.
fn split_face(spec: &Path) -> (PathBuf, u32) {
    let text = spec.to_string_lossy();
    if let Some((head, tail)) = text.rsplit_once('#') {
        if let Ok(n) = tail.parse::<u32>() {
            if !spec.exists() {
                return (PathBuf::from(head), n);
            }
        }
    }
    (spec.to_path_buf(), 0)
}

fn bundled() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(BYTES).expect("the bundled font parses"))
}

/// The faces one figure is measured and drawn with: its `--font`, if any, then the bundled
/// font for whatever that lacks.
#[derive(Clone, Copy)]
pub struct Faces<'a> {
    user: Option<&'a FontFile>,
}

/// Vertical metrics of a line of text, as multiples of the font size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineMetrics {
    /// Above the baseline.
    pub ascent: f64,
    /// Below the baseline (positive).
    pub descent: f64,
}

impl<'a> Faces<'a> {
    pub fn new(user: Option<&'a FontFile>) -> Faces<'a> {
        Faces { user }
    }

    /// The bundled font alone.
    pub fn bundled() -> Faces<'static> {
        Faces { user: None }
    }

    /// The family the SVG's text elements name first.
    pub fn family(&self) -> &str {
        self.user.map_or(FAMILY, |f| f.family())
    }

    /// The SVG `font-family` value: the figure's font, then the bundled one and look-alikes.
    pub fn svg_family(&self) -> String {
        match self.user {
            None => SVG_FAMILY.to_string(),
            Some(f) => {
                let name = f.family();
                let quoted = if name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
                {
                    name.to_string()
                } else {
                    format!("'{}'", name.replace(['\'', '"'], ""))
                };
                format!("{quoted}, {SVG_FAMILY}")
            }
        }
    }

    /// The first character of `text` that no face has a glyph for.
    pub fn missing(&self, text: &str) -> Option<char> {
        text.chars()
            .filter(|c| !c.is_control() && !is_invisible(*c))
            .find(|&c| self.glyph(c).is_none())
    }

    /// The width of `text` at font size `size` (both in the same unit), from the glyph
    /// advances and kerning of the faces that draw each character.
    pub fn width(&self, text: &str, size: f64) -> f64 {
        self.em_width(text) * size
    }

    /// The width of `text` in ems, remembered per thread: the layout measures the same
    /// labels many times over (at each font size it tries, at each way of breaking a line,
    /// for each tick set it considers), and a glyph's cmap, advance and kerning lookups cost
    /// far more than finding the text in a table. A face set is told apart by its `--font`
    /// file's address, which stays the same while the process lives (the font registry keeps
    /// every loaded file); the table is emptied when another face set asks, or when it has
    /// grown large (an animation measures new numbers in every frame).
    fn em_width(&self, text: &str) -> f64 {
        thread_local! {
            static KNOWN: RefCell<(usize, HashMap<Box<str>, f64>)> =
                RefCell::new((0, HashMap::new()));
        }
        const MOST: usize = 4096;
        let faces = self.user.map_or(0, |f| f as *const FontFile as usize);
        KNOWN.with(|known| {
            let (owner, widths) = &mut *known.borrow_mut();
            if *owner != faces || widths.len() >= MOST {
                widths.clear();
                *owner = faces;
            }
            if let Some(&w) = widths.get(text) {
                return w;
            }
            let w = self.measured(text);
            widths.insert(text.into(), w);
            w
        })
    }

    /// The width of `text` in ems, from the faces' tables.
    fn measured(&self, text: &str) -> f64 {
        let mut total = 0.0;
        let mut prev: Option<(usize, GlyphId)> = None;
        for c in text.chars() {
            let Some((which, id)) = self.glyph(c) else {
                // Not drawn (a control character): no width. Missing glyphs are refused
                // before drawing.
                continue;
            };
            let font = self.face(which);
            let em = font.units_per_em().unwrap_or(1000.0) as f64;
            total += font.h_advance_unscaled(id) as f64 / em;
            if let Some((pw, pid)) = prev {
                if pw == which {
                    total += font.kern_unscaled(pid, id) as f64 / em;
                }
            }
            prev = Some((which, id));
        }
        total
    }

    /// The ascent and descent of a line: the largest of the faces in use.
    pub fn line(&self) -> LineMetrics {
        let metrics = |font: &dyn ab_glyph::Font| {
            let em = font.units_per_em().unwrap_or(1000.0) as f64;
            (
                font.ascent_unscaled() as f64 / em,
                -font.descent_unscaled() as f64 / em,
            )
        };
        let (a, d) = metrics(bundled());
        match self.user {
            None => LineMetrics {
                ascent: a,
                descent: d,
            },
            Some(f) => {
                let (ua, ud) = metrics(&f.face);
                LineMetrics {
                    ascent: a.max(ua),
                    descent: d.max(ud),
                }
            }
        }
    }

    /// Which face (0 the user's, 1 the bundled) draws `c`, and its glyph there.
    fn glyph(&self, c: char) -> Option<(usize, GlyphId)> {
        if let Some(f) = self.user {
            let id = f.face.glyph_id(c);
            if id.0 != 0 {
                return Some((0, id));
            }
        }
        let id = bundled().glyph_id(c);
        (id.0 != 0).then_some((1, id))
    }

    fn face(&self, which: usize) -> &dyn ab_glyph::Font {
        match (which, self.user) {
            (0, Some(f)) => &f.face,
            _ => bundled(),
        }
    }
}

/// Characters that draw nothing and need no glyph (joiners, variation selectors).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{fe00}'..='\u{fe0f}' | '\u{2060}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_measures_like_its_advance_widths() {
        let faces = Faces::bundled();
        // DejaVu Sans 2.37: every digit advances 1303 of 2048 units (the `hmtx` table).
        let w = faces.width("0123456789", 2048.0);
        assert!((w - 13030.0).abs() < 1e-6, "{w}");
        // A combining circumflex takes no room of its own.
        assert_eq!(faces.width("p\u{302}", 10.0), faces.width("p", 10.0));
        let line = faces.line();
        // hhea ascender 1901, descender −483 of 2048.
        assert!((line.ascent - 1901.0 / 2048.0).abs() < 1e-9);
        assert!((line.descent - 483.0 / 2048.0).abs() < 1e-9);
    }

    #[test]
    fn remembered_widths_belong_to_their_faces() {
        let bundled = Faces::bundled();
        let text = "Likelihood 0.25";
        let first = bundled.width(text, 12.0);
        assert_eq!(first, bundled.measured(text) * 12.0);
        // Asked again (from the table), and at another size: the same arithmetic.
        assert_eq!(bundled.width(text, 12.0), first);
        assert_eq!(bundled.width(text, 7.5), bundled.measured(text) * 7.5);
        // A --font face set measures with its own advances, not the bundled font's
        // remembered ones, and the bundled font's come back afterwards.
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fonts/NotoSansCJK-subset.ttc");
        let file = load(&path).unwrap();
        let user = Faces::new(Some(&file));
        let theirs = user.width(text, 12.0);
        assert_eq!(theirs, user.measured(text) * 12.0);
        assert_ne!(theirs, first);
        assert_eq!(bundled.width(text, 12.0), first);
    }

    #[test]
    fn characters_the_font_lacks_are_found() {
        let faces = Faces::bundled();
        assert_eq!(faces.missing("θ̂ = 0.3 −∞ ≤ Δ σ²"), None);
        assert_eq!(faces.missing("Likelihood 似然函数"), Some('似'));
    }

    #[test]
    fn a_face_suffix_names_a_face_of_a_collection() {
        assert_eq!(
            split_face(Path::new("/no/such/fonts.ttc#2")),
            (PathBuf::from("/no/such/fonts.ttc"), 2)
        );
        assert_eq!(
            split_face(Path::new("/no/such/font.ttf")),
            (PathBuf::from("/no/such/font.ttf"), 0)
        );
    }

    #[test]
    fn a_file_that_is_not_a_font_is_refused() {
        let dir = std::env::temp_dir().join(format!("nllplot-font-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("not-a-font.ttf");
        std::fs::write(&path, b"hello").unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.to_string().contains("is not a font file"), "{err}");
        assert_eq!(err.exit_code(), 2);
        let err = load(&dir.join("missing.ttf")).unwrap_err();
        assert!(err.to_string().starts_with("cannot read"), "{err}");
        assert_eq!(err.exit_code(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
