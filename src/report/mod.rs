//! Reports on a traced article, one module per output format.

pub mod annotated;
pub mod claimreview;
pub mod html;
