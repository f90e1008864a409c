//! Receipts: a PDF, JPEG or PNG of up to 5 MB, recognised by its content, not its name.

use serde::Serialize;

use crate::FieldErrors;
use crate::labelled_enum;

/// The largest receipt accepted, in bytes (5 MB).
pub const MAX_RECEIPT_BYTES: usize = 5 * 1024 * 1024;

/// The longest receipt file name kept, in characters.
const MAX_FILE_NAME: usize = 120;

labelled_enum!(
    /// The kinds of file accepted as a receipt, by media type.
    ReceiptKind {
        /// A PDF document.
        Pdf = "application/pdf": "PDF",
        /// A JPEG photo.
        Jpeg = "image/jpeg": "JPEG",
        /// A PNG image.
        Png = "image/png": "PNG",
    }
);

impl ReceiptKind {
    /// What the file's first bytes say it is, if one of the accepted kinds.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(Self::Png)
        } else {
            None
        }
    }

    /// The file name extension for downloads.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Jpeg => "jpg",
            Self::Png => "png",
        }
    }
}

/// A receipt's file, checked.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    /// The name it was uploaded with (for showing only; never used as a path or header).
    pub file_name: String,
    /// What it is.
    pub kind: ReceiptKind,
    /// The file.
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Receipt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receipt")
            .field("file_name", &self.file_name)
            .field("kind", &self.kind)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl Receipt {
    /// An uploaded file as a receipt, or the error for the `receipt` field.
    pub fn from_upload(file_name: &str, bytes: Vec<u8>) -> Result<Self, FieldErrors> {
        let field = "receipt";
        if bytes.is_empty() {
            return Err(FieldErrors::one(
                field,
                "The receipt file is empty; choose the file again",
            ));
        }
        if bytes.len() > MAX_RECEIPT_BYTES {
            return Err(FieldErrors::one(
                field,
                "The receipt must be 5 MB or smaller",
            ));
        }
        let Some(kind) = ReceiptKind::sniff(&bytes) else {
            return Err(FieldErrors::one(
                field,
                "The receipt must be a PDF, JPEG or PNG file; take a photo of a paper receipt",
            ));
        };
        Ok(Self {
            file_name: clean_file_name(file_name, kind),
            kind,
            bytes,
        })
    }

    /// Its size in bytes.
    pub fn size(&self) -> usize {
        self.bytes.len()
    }
}

/// The last part of an uploaded file's name, without control characters or quotes, shortened;
/// "receipt.pdf" (or .jpg, .png) when nothing is left.
fn clean_file_name(name: &str, kind: ReceiptKind) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(MAX_FILE_NAME)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        format!("receipt.{}", kind.extension())
    } else {
        cleaned.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_jpeg_and_png_are_recognised_by_their_content() {
        let pdf = Receipt::from_upload("C:\\scans\\bus.pdf", b"%PDF-1.7 ...".to_vec()).unwrap();
        assert_eq!(
            (pdf.kind, pdf.file_name.as_str()),
            (ReceiptKind::Pdf, "bus.pdf")
        );
        let jpeg = Receipt::from_upload("", vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2]).unwrap();
        assert_eq!(
            (jpeg.kind, jpeg.file_name.as_str()),
            (ReceiptKind::Jpeg, "receipt.jpg")
        );
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0];
        assert_eq!(
            Receipt::from_upload("a\"b.png", png.to_vec())
                .unwrap()
                .file_name,
            "ab.png"
        );
    }

    #[test]
    fn other_files_empty_files_and_large_files_are_refused() {
        let html = Receipt::from_upload("receipt.pdf", b"<html><script>".to_vec());
        assert!(
            html.unwrap_err()
                .get("receipt")
                .unwrap()
                .contains("PDF, JPEG or PNG")
        );
        assert!(Receipt::from_upload("r.pdf", Vec::new()).is_err());
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_RECEIPT_BYTES + 1, b' ');
        assert_eq!(
            Receipt::from_upload("r.pdf", big)
                .unwrap_err()
                .get("receipt"),
            Some("The receipt must be 5 MB or smaller")
        );
        let mut just = b"%PDF-".to_vec();
        just.resize(MAX_RECEIPT_BYTES, b' ');
        assert!(Receipt::from_upload("r.pdf", just).is_ok());
    }
}
