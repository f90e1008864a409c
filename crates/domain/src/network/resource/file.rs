//! A resource's uploaded file: a PDF or an office document (DOCX, XLSX, PPTX, ODT) of up to
//! 10 MB, recognised by its content, not its name, as receipts are.

use serde::Serialize;

use crate::FieldErrors;
use crate::labelled_enum;

/// The largest file accepted, in bytes (10 MB).
pub const MAX_RESOURCE_FILE_BYTES: usize = 10 * 1024 * 1024;

/// The longest file name kept, in characters.
const MAX_FILE_NAME: usize = 120;

labelled_enum!(
    /// The kinds of file a resource may be, by media type.
    FileKind {
        /// A PDF document.
        Pdf = "application/pdf": "PDF",
        /// A Word document.
        Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document (DOCX)",
        /// An Excel workbook.
        Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook (XLSX)",
        /// A PowerPoint presentation.
        Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint presentation (PPTX)",
        /// An OpenDocument text.
        Odt = "application/vnd.oasis.opendocument.text": "OpenDocument text (ODT)",
    }
);

/// The first bytes of every ZIP archive (office documents are ZIP archives).
const ZIP: &[u8] = b"PK\x03\x04";

impl FileKind {
    /// What the file's content says it is, if one of the accepted kinds. Office documents are
    /// ZIP archives told apart by the part every one of them must have; an ODT names its media
    /// type in its first entry, `mimetype`.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            return Some(Self::Pdf);
        }
        if !bytes.starts_with(ZIP) {
            return None;
        }
        if bytes.get(30..38) == Some(b"mimetype".as_slice())
            && contains(
                bytes.get(38..bytes.len().min(140)).unwrap_or_default(),
                b"application/vnd.oasis.opendocument.text",
            )
        {
            return Some(Self::Odt);
        }
        [
            (Self::Docx, b"word/document.xml".as_slice()),
            (Self::Xlsx, b"xl/workbook.xml".as_slice()),
            (Self::Pptx, b"ppt/presentation.xml".as_slice()),
        ]
        .into_iter()
        .find(|(_, part)| contains(bytes, part))
        .map(|(kind, _)| kind)
    }

    /// The file name extension for downloads.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Docx => "docx",
            Self::Xlsx => "xlsx",
            Self::Pptx => "pptx",
            Self::Odt => "odt",
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A resource's file, checked.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct ResourceFile {
    /// The name it was uploaded with (for showing only; never used as a path or header as is).
    pub file_name: String,
    /// What it is.
    pub kind: FileKind,
    /// The file.
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for ResourceFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResourceFile")
            .field("file_name", &self.file_name)
            .field("kind", &self.kind)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// What is known about a resource's file without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileInfo {
    /// The name it was uploaded with.
    pub file_name: String,
    /// What it is.
    pub kind: FileKind,
    /// Its size in bytes.
    pub size: u32,
}

impl FileInfo {
    /// Its size in words: "240 KB", "1.5 MB".
    pub fn size_in_words(&self) -> String {
        let size = f64::from(self.size);
        if size < 1024.0 * 1024.0 {
            format!("{} KB", (size / 1024.0).ceil())
        } else {
            format!("{:.1} MB", size / (1024.0 * 1024.0))
        }
    }
}

impl ResourceFile {
    /// An uploaded file, or the error for the `file` field.
    pub fn from_upload(file_name: &str, bytes: Vec<u8>) -> Result<Self, FieldErrors> {
        let field = "file";
        if bytes.is_empty() {
            return Err(FieldErrors::one(
                field,
                "The file is empty; choose the file again",
            ));
        }
        if bytes.len() > MAX_RESOURCE_FILE_BYTES {
            return Err(FieldErrors::one(field, "The file must be 10 MB or smaller"));
        }
        let Some(kind) = FileKind::sniff(&bytes) else {
            return Err(FieldErrors::one(
                field,
                "The file must be a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX) or OpenDocument text (ODT) file",
            ));
        };
        Ok(Self {
            file_name: clean_file_name(file_name, kind),
            kind,
            bytes,
        })
    }

    /// What is known about it without the content.
    pub fn info(&self) -> FileInfo {
        FileInfo {
            file_name: self.file_name.clone(),
            kind: self.kind,
            size: u32::try_from(self.bytes.len()).unwrap_or(u32::MAX),
        }
    }
}

/// The last part of an uploaded file's name, without control characters or quotes, shortened;
/// "resource.pdf" (or the kind's extension) when nothing is left.
fn clean_file_name(name: &str, kind: FileKind) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(MAX_FILE_NAME)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        format!("resource.{}", kind.extension())
    } else {
        cleaned.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start of an office document: a ZIP entry named `part`.
    fn office(part: &str) -> Vec<u8> {
        let mut bytes = ZIP.to_vec();
        bytes.resize(30, 0);
        bytes.extend_from_slice(b"[Content_Types].xml...");
        bytes.extend_from_slice(part.as_bytes());
        bytes
    }

    #[test]
    fn pdf_and_office_documents_are_recognised_by_their_content() {
        let pdf = ResourceFile::from_upload("C:\\docs\\policy.pdf", b"%PDF-1.7".to_vec()).unwrap();
        assert_eq!(
            (pdf.kind, pdf.file_name.as_str()),
            (FileKind::Pdf, "policy.pdf")
        );
        for (part, kind) in [
            ("word/document.xml", FileKind::Docx),
            ("xl/workbook.xml", FileKind::Xlsx),
            ("ppt/presentation.xml", FileKind::Pptx),
        ] {
            assert_eq!(FileKind::sniff(&office(part)), Some(kind), "{part}");
        }
        let mut odt = ZIP.to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        let odt = ResourceFile::from_upload("", odt).unwrap();
        assert_eq!(
            (odt.kind, odt.file_name.as_str()),
            (FileKind::Odt, "resource.odt")
        );
    }

    #[test]
    fn other_files_empty_files_and_large_files_are_refused() {
        let html = ResourceFile::from_upload("guide.pdf", b"<html><script>".to_vec());
        assert!(html.unwrap_err().get("file").unwrap().contains("PDF, Word"));
        // A ZIP that is not an office document (a renamed archive) is refused too.
        let zip = ResourceFile::from_upload("guide.docx", office("payload.exe"));
        assert!(zip.is_err());
        assert!(ResourceFile::from_upload("r.pdf", Vec::new()).is_err());
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_RESOURCE_FILE_BYTES + 1, b' ');
        assert_eq!(
            ResourceFile::from_upload("r.pdf", big)
                .unwrap_err()
                .get("file"),
            Some("The file must be 10 MB or smaller")
        );
        let mut just = b"%PDF-".to_vec();
        just.resize(MAX_RESOURCE_FILE_BYTES, b' ');
        assert!(ResourceFile::from_upload("r.pdf", just).is_ok());
    }

    #[test]
    fn sizes_read_in_words() {
        let info = |size| FileInfo {
            file_name: "a.pdf".into(),
            kind: FileKind::Pdf,
            size,
        };
        assert_eq!(info(2048).size_in_words(), "2 KB");
        assert_eq!(info(1536 * 1024).size_in_words(), "1.5 MB");
    }
}
