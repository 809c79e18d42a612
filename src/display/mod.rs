//! Displays (temporary module root until the rendering core is merged).

mod decision_boundary;
mod pyfmt;
mod score_curves;
mod tree;
mod tree_layout;

pub use decision_boundary::{DecisionBoundary, DecisionBoundaryDisplay, ResponseMethod};
pub use score_curves::{ScoreType, StdDisplayStyle};
pub use tree::{PlotTree, TreeDisplay, TreeLabel, TreeModel, TreeNodeBox, plot_tree};
