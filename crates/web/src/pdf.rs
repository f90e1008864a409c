//! A small PDF writer for printable reports: A4 pages of Helvetica text, tables and filled
//! bars, with nothing fetched from anywhere. Text is set in the PDF's standard Helvetica with
//! WinAnsi encoding, so characters outside it (rare in our own wording) print as "?".

use std::fmt::Write as _;
use std::io::Write as _;

/// A4 width and height in points.
const WIDTH: f64 = 595.0;
const HEIGHT: f64 = 842.0;
/// Page margin in points.
pub(crate) const MARGIN: f64 = 50.0;
/// The width text may use.
pub(crate) const TEXT_WIDTH: f64 = WIDTH - 2.0 * MARGIN;

/// A document being laid out from the top of the first page down.
pub(crate) struct Pdf {
    title: String,
    pages: Vec<Vec<u8>>,
    y: f64,
}

/// The byte for `c` in WinAnsi encoding, or `?`.
fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '£' => 0xA3,
        '–' => 0x96,
        '—' => 0x97,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '×' => 0xD7,
        '÷' => 0xF7,
        c if ('\u{A0}'..='\u{FF}').contains(&c) => c as u32 as u8,
        _ => b'?',
    }
}

/// `text` as a PDF string literal's bytes (escaped), WinAnsi encoded.
fn literal(text: &str) -> Vec<u8> {
    let mut out = vec![b'('];
    for c in text.chars() {
        let b = win_ansi(c);
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b')');
    out
}

/// Splits `text` into lines of at most `width` points at `size` (Helvetica averages about
/// half an em a character; a little more is allowed for, so lines never overrun).
pub(crate) fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let max = ((width / (size * 0.53)).floor() as usize).max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

impl Pdf {
    /// A new document with `title` (its metadata) and a first page.
    pub(crate) fn new(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            pages: vec![Vec::new()],
            y: HEIGHT - MARGIN,
        }
    }

    fn page(&mut self) -> &mut Vec<u8> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page when less than `height` points are left on this one.
    pub(crate) fn need(&mut self, height: f64) {
        if self.y - height < MARGIN {
            self.pages.push(Vec::new());
            self.y = HEIGHT - MARGIN;
        }
    }

    /// Text at (`x`, `y`) in points from the bottom left.
    fn text_at(&mut self, x: f64, y: f64, size: f64, bold: bool, text: &str) {
        let font = if bold { "F2" } else { "F1" };
        let literal = literal(text);
        let page = self.page();
        let _ = write!(page, "BT /{font} {size:.1} Tf {x:.1} {y:.1} Td ");
        page.extend_from_slice(&literal);
        page.extend_from_slice(b" Tj ET\n");
    }

    /// A paragraph wrapped to the text width, then a gap.
    pub(crate) fn paragraph(&mut self, text: &str, size: f64, bold: bool) {
        for line in wrap(text, TEXT_WIDTH, size) {
            self.need(size * 1.4);
            self.y -= size * 1.4;
            let y = self.y;
            self.text_at(MARGIN, y, size, bold, &line);
        }
        self.y -= size * 0.6;
    }

    /// A heading.
    pub(crate) fn heading(&mut self, text: &str, size: f64) {
        self.need(size * 4.0);
        self.y -= size * 0.6;
        self.paragraph(text, size, true);
    }

    /// A table: `widths` are the columns' shares of the text width; cells wrap within them.
    pub(crate) fn table(&mut self, headers: &[&str], rows: &[Vec<String>], widths: &[f64]) {
        let size = 8.0;
        let line = size * 1.3;
        let total: f64 = widths.iter().sum();
        let columns: Vec<f64> = widths.iter().map(|w| w / total * TEXT_WIDTH).collect();
        let header: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        for (index, row) in std::iter::once(&header).chain(rows).enumerate() {
            let cells: Vec<Vec<String>> = row
                .iter()
                .zip(&columns)
                .map(|(cell, w)| wrap(cell, w - 4.0, size))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
            let height = line * lines as f64 + 3.0;
            self.need(height);
            let top = self.y;
            let mut x = MARGIN;
            for (cell, w) in cells.iter().zip(&columns) {
                for (i, text) in cell.iter().enumerate() {
                    self.text_at(
                        x + 2.0,
                        top - line * (i as f64 + 1.0),
                        size,
                        index == 0,
                        text,
                    );
                }
                x += w;
            }
            self.y = top - height;
            let y = self.y + 1.0;
            let _ = writeln!(
                self.page(),
                "0.8 G 0.5 w {MARGIN:.1} {y:.1} m {:.1} {y:.1} l S 0 G",
                MARGIN + TEXT_WIDTH
            );
        }
        self.y -= 8.0;
    }

    /// A labelled horizontal bar, `share` (0 to 1) of the bar area long, with its value.
    pub(crate) fn bar(&mut self, label: &str, share: Option<f64>, value: &str) {
        let size = 8.0;
        self.need(14.0);
        self.y -= 14.0;
        let y = self.y;
        let label_width = TEXT_WIDTH * 0.4;
        let label = wrap(label, label_width - 6.0, size)
            .into_iter()
            .next()
            .unwrap_or_default();
        self.text_at(MARGIN, y + 2.0, size, false, &label);
        let area = TEXT_WIDTH * 0.45;
        let length = share.map_or(0.0, |s| (s.clamp(0.0, 1.0) * area).max(0.5));
        if share.is_some() {
            let _ = writeln!(
                self.page(),
                "0 0.37 0.72 rg {:.1} {y:.1} {length:.1} 10 re f 0 g",
                MARGIN + label_width
            );
        }
        self.text_at(
            MARGIN + label_width + length + 4.0,
            y + 2.0,
            size,
            false,
            value,
        );
    }

    /// A gap of `points`.
    pub(crate) fn gap(&mut self, points: f64) {
        self.y -= points;
    }

    /// The finished file.
    pub(crate) fn finish(self) -> Vec<u8> {
        let mut out: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets: Vec<usize> = Vec::new();
        let pages = self.pages.len();
        // Objects: 1 catalog, 2 page tree, 3 and 4 fonts, 5 info, then a page and its content.
        let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 6 + 2 * i)).collect();
        let mut objects: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>".to_vec(),
            format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")).into_bytes(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_vec(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
                .to_vec(),
            [b"<< /Title ".to_vec(), literal(&self.title), b" /Producer (Alongside) >>".to_vec()]
                .concat(),
        ];
        for (i, content) in self.pages.iter().enumerate() {
            let stream = content.as_slice();
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] \
                     /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                    7 + 2 * i
                )
                .into_bytes(),
            );
            let mut obj = format!("<< /Length {} >>\nstream\n", stream.len()).into_bytes();
            obj.extend_from_slice(stream);
            obj.extend_from_slice(b"\nendstream");
            objects.push(obj);
        }
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
        for o in offsets {
            let _ = writeln!(table, "{o:010} 00000 n ");
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        );
        out.extend_from_slice(table.as_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_win_ansi_encoded() {
        assert_eq!(
            literal("a (b) \\ £12–13"),
            b"(a \\(b\\) \\\\ \xA312\x9613)".to_vec()
        );
        assert_eq!(literal("✓"), b"(?)".to_vec());
    }

    #[test]
    fn wrapping_keeps_words_whole_and_lines_short() {
        let lines = wrap("one two three four five six seven eight", 60.0, 10.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 11), "{lines:?}");
        assert_eq!(lines.join(" "), "one two three four five six seven eight");
    }

    #[test]
    fn long_documents_flow_onto_new_pages_and_the_cross_reference_table_points_at_objects() {
        let mut pdf = Pdf::new("Board report");
        for i in 0..120 {
            pdf.paragraph(&format!("Line {i}"), 10.0, false);
        }
        let bytes = pdf.finish();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("%PDF-1.4"));
        // 37 one-line paragraphs (14pt line, 6pt gap) fit on a page between the margins.
        assert!(text.contains("/Count 4"), "120 paragraphs need four pages");
        assert_eq!(text.matches("/Type /Page ").count(), 4);
        assert!(text.contains("(Line 119) Tj"));
        // Every offset in the xref table starts an object with the matching number.
        let xref = text.rfind("xref\n").unwrap();
        for (n, line) in text[xref..]
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .enumerate()
        {
            let offset: usize = line[..10].parse().unwrap();
            assert!(
                text[offset..].starts_with(&format!("{} 0 obj", n + 1)),
                "object {}",
                n + 1
            );
        }
        assert!(text.trim_end().ends_with("%%EOF"));
    }
}
