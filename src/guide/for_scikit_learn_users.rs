//! # learnkit for scikit-learn users
//!
//! learnkit follows scikit-learn: the same estimators, parameter names,
//! defaults and algorithms, with numbers checked against scikit-learn's own.
//! What changes is what Rust's types give: a fitted model is a different
//! type from its hyperparameters, choices are enums instead of strings, a
//! search grid is a closure instead of parameter-name strings, and every
//! error is a value to match on.
//!
//! ## Names and idioms
//!
//! | scikit-learn | learnkit | note |
//! |---|---|---|
//! | `import numpy as np`, `X` a 2-D array | `ndarray::Array2<f64>` (or `f32`), passed as `x.view()` | any view: slices, transposes |
//! | `clf = LogisticRegression(C=0.5)` | `let clf = LogisticRegression::default().c(0.5);` | `Default` is scikit-learn's defaults; setters have the parameters' names |
//! | `clf.set_params(C=2)` | `clf.clone().c(2.0)` | hyperparameters are plain values |
//! | `clf.fit(X, y)` (mutates `clf`) | `let model = clf.fit(x.view(), y.view())?;` | returns a new fitted type; `clf` is unchanged |
//! | `NotFittedError` | — | an unfitted estimator has no `predict`: a compile error |
//! | `clf.predict(X)` | `model.predict(x.view())?` | labels come back as the type you fitted with |
//! | `clf.predict_proba(X)` | `model.predict_proba(x.view())?` | columns in `model.classes()` order |
//! | `clf.decision_function(X)` | `model.decision_function(x.view())?` | always 2-D: one column for two classes |
//! | `clf.score(X, y)` | `model.score(x.view(), y.view())?` | accuracy for classifiers, R² for regressors |
//! | `scaler.fit(X)` (no `y`) | `scaler.fit_unsupervised(x.view())?` | or `fit` with any targets, which are ignored |
//! | `scaler.transform(X)` | `fitted.transform(x.view())?` | |
//! | `scaler.fit_transform(X)` | `let (fitted, xt) = scaler.fit_transform(x.view(), y.view())?;` | returns the fitted model too |
//! | `inverse_transform` | `fitted.inverse_transform(xt.view())?` | |
//! | `fit(X, y, sample_weight=w)` | `clf.fit_weighted(x.view(), y.view(), w.view())?` | trait `SampleWeighted` |
//! | `classes_` | `model.classes()` | sorted, as scikit-learn |
//! | `coef_`, `intercept_` | `model.coef()`, `model.intercept()` | attribute names without the `_` |
//! | `feature_importances_` | `model.feature_importances()` | trees and forests |
//! | `n_features_in_`, `n_iter_` | `model.n_features_in()`, `model.n_iter()` | |
//! | `explained_variance_ratio_`, `components_` | `pca.explained_variance_ratio()`, `pca.components()` | |
//! | `ConvergenceWarning` | a `log::warn!` (target `"learnkit"`) and `model.converged() == false` | install a logger to see it |
//! | `ValueError` | `Err(Error::InvalidParameter { .. })`, `Err(Error::NonFinite { row, column, .. })`, … | one [`Error`](crate::Error) enum to match on |
//! | `random_state=42` | `.random_state(42)` | same seed, same model on any thread count; not NumPy's random stream |
//! | `n_jobs=-1` | `n_jobs(None)` (the default: every core) | `n_jobs(Some(k))` for `k` threads |
//! | `kernel="rbf", gamma="scale"` | `.kernel(Kernel::Rbf { gamma: Gamma::Scale })` | enums instead of strings |
//! | `class_weight="balanced"` | `.class_weight(ClassWeight::Balanced)` | [`ClassWeight`](crate::class_weight::ClassWeight) |
//! | `Pipeline([("scale", s), ("clf", c)])`, `make_pipeline(s, c)` | `Pipeline::new(s, c)` | nest for more steps: `Pipeline::new(Pipeline::new(a, b), c)` |
//! | `pipe.named_steps["clf"]` | `fitted.named_step::<FittedLogisticRegression<f64, usize>>("logisticregression")` | typed: `Some` only for the right type; `step_names()` lists them |
//! | `ColumnTransformer([("num", s, [0, 2]), ("cat", e, [1])])` | `ColumnTransformer::new().add("num", s, [0, 2]).add("cat", e, [1])` | columns by index, range or name |
//! | `remainder="passthrough"` | `.remainder(Remainder::Passthrough)` | |
//! | `"passthrough"` step | [`Passthrough`](crate::compose::Passthrough) | |
//! | `VotingClassifier([("lr", lr), ("nb", nb)], voting="soft", weights=[2, 1])` | `VotingClassifier::new().add("lr", lr).add("nb", nb).voting(Voting::Soft).weights([2.0, 1.0])` | [`ensemble`](crate::ensemble); `push(est)` names it as `make_*` would; `VotingRegressor` alike |
//! | `StackingClassifier(estimators, final_estimator=lr, cv=KFold(5), passthrough=True)` | `StackingClassifier::new().add("nb", nb).final_estimator(lr).cv(KFold::new(5)).passthrough(true)` | `stack_method` is [`StackMethod`](crate::ensemble::StackMethod); `StackingRegressor` alike |
//! | `ensemble.named_estimators_["nb"]`, `estimators_` | `fitted.estimators().1.estimator`, `fitted.names()` | nested to the left, typed; members are fitted on class indices, as scikit-learn's |
//! | `train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)` | `train_test_split(x.view(), y.view()).test_size(0.2).stratify(y.view()).random_state(0).split()?` | a builder |
//! | `cross_val_score(clf, X, y, cv=5)` | `cross_val_score(&clf, x.view(), y.view()).cv(StratifiedKFold::new(5)).scoring(Accuracy).run()?` | a builder; splitter and scorer are values |
//! | `cross_validate(clf, X, y, scoring=["accuracy", "roc_auc"])` | `cross_validate(&clf, x.view(), y.view()).scoring("accuracy", Accuracy).scoring("roc_auc", RocAuc).run()?` | results by scorer name: `test_scores("roc_auc")` |
//! | `scoring="roc_auc"`, `"neg_log_loss"`, `"r2"` | `RocAuc`, `NegLogLoss`, `R2`, … or a closure | greater is better, as in scikit-learn |
//! | `GridSearchCV(pipe, {"clf__C": [0.1, 1, 10]})` | `GridSearchCV::new(vec![0.1, 1.0, 10.0], \|&c: &f64\| Pipeline::new(s.clone(), LogisticRegression::default().c(c)), cv)` | a closure builds each candidate: the compiler checks names and types |
//! | `search.best_params_`, `best_score_`, `best_estimator_`, `cv_results_` | `best_params()`, `best_score()`, `best_estimator()`, `cv_results()` | the fitted search also predicts |
//! | `RandomizedSearchCV(clf, distributions, n_iter=20)` | `RandomizedSearchCV::new(\|rng\| draw(rng), build, cv).n_iter(20)` | any `rand` distribution |
//! | `joblib.dump(model, "m.joblib")` | `persistence::save(&model, "m.lk")?` | not code: loading cannot run anything |
//! | `joblib.load("m.joblib")` | `let m: FittedX<f64, usize> = persistence::load("m.lk")?;` | name the type; checked on load |
//! | `skl2onnx.to_onnx(model, X[:1])` | `model.to_onnx(&OnnxOptions::default())?.save("m.onnx")?` | the same graphs and output names; also native categorical splits ([`onnx`](crate::onnx)) |
//! | `pd.read_csv("f.csv")` + encoding | `read_csv("f.csv", &CsvOptions::default().target_column("y"))?` | categorical columns become codes, missing cells `NaN` |
//! | `np.nan` as missing | `f64::NAN` | native in trees, forests, gradient boosting, encoders, imputer |
//! | `OrdinalEncoder`, `OneHotEncoder(handle_unknown="ignore")` | `OrdinalEncoder`, `OneHotEncoder::default().handle_unknown(HandleUnknown::Ignore)` | |
//! | `LabelEncoder` | [`LabelEncoder`](crate::preprocessing::LabelEncoder) | rarely needed: classifiers take any label type |
//! | `load_iris()`, `make_classification(...)` | `load_iris()`, `MakeClassification::default()....generate()?` | |
//! | `accuracy_score(y_true, y_pred)` | `accuracy_score(y_true.view(), y_pred.view())?` | [`metrics`](crate::metrics) |
//! | `permutation_importance(model, X, y)` | [`permutation_importance`](crate::inspection::permutation_importance) | |
//! | `partial_dependence(model, X, [0], kind="both")` | `partial_dependence(&model, x.view(), &[0]).kind(PdKind::Both).compute()?` | [`partial_dependence`](crate::inspection::partial_dependence); `method`, `response_method`, `grid_resolution`, `percentiles`, `categorical_features` as scikit-learn |
//! | `shap.TreeExplainer(model).shap_values(X)` (the `shap` package) | [`shap_values`](crate::inspection::shap_values) | trees, forests, HGB; values always rows × features × outputs |
//!
//! ## The estimators
//!
//! | scikit-learn | learnkit |
//! |---|---|
//! | `StandardScaler`, `MinMaxScaler`, `OneHotEncoder`, `OrdinalEncoder`, `SimpleImputer`, `PolynomialFeatures`, `LabelEncoder` | [`preprocessing`](crate::preprocessing), same names |
//! | `LinearRegression`, `Ridge` (auto, cholesky, svd, sparse_cg), `RidgeCV` and `RidgeClassifierCV` (leave-one-out or folds, `scoring`), `RidgeClassifier`, `LogisticRegression` (lbfgs, L2), `LogisticRegressionCV` | [`linear_model`](crate::linear_model) |
//! | `SVC`, `SVR`, `LinearSVC` | [`svm`](crate::svm) |
//! | `DecisionTreeClassifier`, `DecisionTreeRegressor`, `export_text` | [`tree`](crate::tree) |
//! | `RandomForest*`, `ExtraTrees*`, `HistGradientBoosting*` | [`ensemble`](crate::ensemble) |
//! | `PCA`, `TruncatedSVD` | [`decomposition`](crate::decomposition) |
//! | `KMeans`, `MiniBatchKMeans` | [`cluster`](crate::cluster) |
//! | `Pipeline`, `ColumnTransformer` | [`compose`](crate::compose) |
//! | `IsotonicRegression` | [`isotonic::IsotonicRegression`](crate::isotonic::IsotonicRegression) (a one-column `X`, or `fit_1d`) |
//! | `CalibratedClassifierCV(est, method=, cv=, ensemble=)`, `calibration_curve` | [`calibration`](crate::calibration): `with_decision_function(est)` or `with_predict_proba(est)` picks the calibrated scores |
//! | `precision_recall_curve`, `average_precision_score`, `det_curve`, `brier_score_loss`, `matthews_corrcoef`, `cohen_kappa_score`, `top_k_accuracy_score` | [`metrics`](crate::metrics), same names (multiclass forms: `average_precision_score_ovr`, `brier_score_loss_multiclass`) |
//! | `scoring="average_precision"`, `"matthews_corrcoef"`, `"neg_brier_score"` | [`AveragePrecision`](crate::model_selection::AveragePrecision), [`MatthewsCorrcoef`](crate::model_selection::MatthewsCorrcoef), [`NegBrierScore`](crate::model_selection::NegBrierScore) |
//!
//! ## Differences worth knowing
//!
//! - **Fitting returns a new type.** Keep the hyperparameters and fit them
//!   as often as you like; the fitted model is immutable and `Send + Sync`,
//!   so share it between threads (`Arc`) to predict concurrently.
//! - **No `clone` of a fitted estimator to refit it**: the hyperparameter
//!   value is the "unfitted clone".
//! - **Grids are closures.** There is no `"step__param"` string anywhere;
//!   see [`model_selection`](super::model_selection).
//! - **`n_jobs`** is `Option<usize>`: `None` (the default) means every core,
//!   not one; there is no `-1`. Results are identical for every value.
//! - **Random streams differ.** The same `random_state` gives the same
//!   result in learnkit on every machine, but not scikit-learn's numbers:
//!   the generator is not NumPy's. Unshuffled splitters give exactly
//!   scikit-learn's folds.
//! - **`decision_function` is always 2-D** (one column for a binary problem,
//!   where scikit-learn returns 1-D).
//! - **Targets**: classification labels are any sortable, hashable type
//!   (`String` included), not only numbers; regression targets have the
//!   feature's float type.
//! - **Data frames**: learnkit takes matrices. Categorical text columns are
//!   encoded when a CSV is read (codes plus the category names), and column
//!   names reach a `ColumnTransformer` through
//!   [`feature_names`](crate::compose::ColumnTransformer::feature_names).
//! - **Errors are values**, not exceptions: match on the
//!   [`Error`](crate::Error) variant and its fields (row, column, parameter).
//!
//! ## Side by side
//!
//! ```python
//! from sklearn.datasets import load_iris
//! from sklearn.model_selection import train_test_split, GridSearchCV
//! from sklearn.pipeline import make_pipeline
//! from sklearn.preprocessing import StandardScaler
//! from sklearn.svm import SVC
//!
//! X, y = load_iris(return_X_y=True)
//! X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
//! search = GridSearchCV(make_pipeline(StandardScaler(), SVC()), {"svc__C": [0.1, 1, 10]}, cv=5)
//! search.fit(X_train, y_train)
//! print(search.best_params_, search.score(X_test, y_test))
//! ```
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::model_selection::{train_test_split, GridSearchCV, StratifiedKFold};
//!
//! let iris = load_iris();
//! let split = train_test_split(iris.data.view(), iris.target.view())
//!     .stratify(iris.target.view())
//!     .random_state(0)
//!     .split()?;
//! let search = GridSearchCV::new(
//!     vec![0.1, 1.0, 10.0],
//!     |&c: &f64| Pipeline::new(StandardScaler::default(), SVC::default().c(c)),
//!     StratifiedKFold::new(5),
//! );
//! let fitted = search.fit(split.x_train.view(), split.y_train.view())?;
//! let test_score = fitted.score(split.x_test.view(), split.y_test.view())?;
//! println!("{:?} {test_score}", fitted.best_params());
//! assert!(test_score > 0.85);
//! # Ok::<(), learnkit::Error>(())
//! ```
