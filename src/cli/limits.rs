//! Resource-limit flags shared by `analyze` and `season` (defaults: `lapwise::ingest::Limits`,
//! documented in docs/robustness.md).

use clap::Args;
use lapwise::ingest::Limits;
use lapwise::ingest::limits::parse_size;

/// Limits on what one input may cost to read.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Largest input file (or compressed archive member) read [default: 256MiB].
    #[arg(long, value_name = "SIZE", value_parser = parse_size, help_heading = "Limits")]
    pub max_file_size: Option<u64>,
    /// Largest document after decompressing a .gz or zip member [default: 1GiB].
    #[arg(long, value_name = "SIZE", value_parser = parse_size, help_heading = "Limits")]
    pub max_decompressed: Option<u64>,
    /// Largest compression ratio accepted, N for N:1 [default: 200].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), help_heading = "Limits")]
    pub max_ratio: Option<u64>,
    /// Most members in one zip archive [default: 10000].
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_members: Option<usize>,
    /// Most samples (track points, records) in one activity [default: 2000000].
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_samples: Option<usize>,
    /// Deepest XML element nesting in GPX/TCX [default: 64].
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_xml_depth: Option<usize>,
}

impl LimitArgs {
    /// The limits: defaults with every flag given applied.
    pub fn limits(&self) -> Limits {
        let d = Limits::default();
        Limits {
            max_file_bytes: self.max_file_size.unwrap_or(d.max_file_bytes),
            max_decompressed_bytes: self.max_decompressed.unwrap_or(d.max_decompressed_bytes),
            max_ratio: self.max_ratio.unwrap_or(d.max_ratio),
            max_members: self.max_members.unwrap_or(d.max_members),
            max_samples: self.max_samples.unwrap_or(d.max_samples),
            max_xml_depth: self.max_xml_depth.unwrap_or(d.max_xml_depth),
        }
    }
}
