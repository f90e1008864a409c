//! Pages of lists: every list in the API answers in the same shape.

use super::*;

/// A page number and size, checked.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    /// From 1.
    pub page: u32,
    /// 1 to 500.
    pub per_page: u32,
}

/// The page `paging` asks for of a short list held in memory (sites, roles).
pub fn page_of<T, P: From<Page<T>>>(all: Vec<T>, paging: Paging) -> P {
    let per_page = paging.per_page.max(1);
    let skip = usize::try_from(u64::from(paging.page.saturating_sub(1)) * u64::from(per_page))
        .unwrap_or(usize::MAX);
    let total = all.len() as u64;
    let items = all.into_iter().skip(skip).take(per_page as usize).collect();
    Page {
        items,
        page: paging.page,
        per_page,
        total,
    }
    .into()
}

/// Declares a page of one kind of item: the items, the page number and size, and the totals.
macro_rules! page_view {
    ($(#[$doc:meta])* $name:ident, $item:ty, items: $items_doc:literal, total: $total_doc:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Serialize, ToSchema)]
        pub struct $name {
            #[doc = $items_doc]
            pub items: Vec<$item>,
            /// This page's number, from 1.
            pub page: u32,
            /// Items per page.
            pub per_page: u32,
            #[doc = $total_doc]
            pub total: u64,
            /// Pages in the whole list.
            pub pages: u32,
        }

        impl<T: Into<$item>> From<Page<T>> for $name {
            fn from(p: Page<T>) -> Self {
                let pages = p.pages();
                Self {
                    items: p.items.into_iter().map(Into::into).collect(),
                    page: p.page,
                    per_page: p.per_page,
                    total: p.total,
                    pages,
                }
            }
        }
    };
}

page_view!(
    /// A page of the volunteers list.
    VolunteerPage, VolunteerView,
    items: "The volunteers on this page.", total: "Volunteers in the whole list."
);
page_view!(
    /// A page of the applications list, newest first.
    ApplicationPage, ApplicationView,
    items: "The applications on this page, newest first.", total: "Applications in the whole list."
);
page_view!(
    /// A page of the sites list, by name.
    SitePage, SiteView,
    items: "The sites on this page, by name.", total: "Sites in the whole list."
);
page_view!(
    /// A page of the roles list, by title.
    RolePage, RoleView,
    items: "The roles on this page, by title.", total: "Roles in the whole list."
);
