//! placeholder until the charts land
