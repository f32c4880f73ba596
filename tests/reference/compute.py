"""Compute reference values for the report tests with pandas, SciPy and statsmodels.

The values are computed from the fixture files directly, without pactc, and written to
`tests/reference/expected.json`, which the Rust tests compare against (1e-9 for closed
forms, 1e-6 for iterative fits). CI does not run this script; rerun it after changing the
fixtures:

    python3 -m pip install scipy statsmodels
    python3 tests/reference/compute.py
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from scipy.spatial.distance import jensenshannon
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

ROOT = Path(__file__).resolve().parents[1]
RUNS = ROOT / "fixtures" / "runs"


def load(run):
    rows = []
    for line in open(RUNS / run / "results.jsonl"):
        r = json.loads(line)
        lv = r["levels"]
        rows.append({
            "cell_id": r["cell_id"], "item_id": r["item_id"], "model": r["model"],
            "sample": r["sample"], "decision": r["decision"], "error": r["error"],
            "p_follow": r["p_follow"], "other_mass": r["other_mass"],
            "scenario": lv["scenario"], "type": lv["scenario_type"], "country": lv["country"],
            "region": lv["region"], "holder": lv["holder"], "demographics": lv["demographics"],
            "actor.age": lv["actor"]["age"], "actor.gender": lv["actor"]["gender"],
            "order": lv["order"],
        })
    frame = pd.DataFrame(rows)
    frame["answered"] = frame["error"].isna()
    frame["valid"] = frame["answered"] & frame["decision"].isin(["FOLLOW_CULTURE", "ALLOW_PREFERENCE"])
    frame["allow"] = (frame["decision"] == "ALLOW_PREFERENCE").astype(int)
    return frame


def wilson(count, n):
    lo, hi = proportion_confint(count, n, alpha=0.05, method="wilson")
    return [float(lo), float(hi)]


def rate_figures(group):
    valid = group[group["valid"]]
    answered = group[group["answered"]]
    n, allow = len(valid), int(valid["allow"].sum())
    probs = group["p_follow"].dropna()
    other = group["other_mass"].dropna()
    return {
        "follow": n - allow, "allow": allow,
        "unknown": int((answered["decision"] == "UNKNOWN").sum()),
        "errors": int((~group["answered"]).sum()),
        "allow_rate": allow / n if n else None,
        "allow_ci": wilson(allow, n) if n else None,
        "unknown_share": float((answered["decision"] == "UNKNOWN").mean()) if len(answered) else None,
        "expected_allow_rate": float(1 - probs.mean()) if len(probs) else None,
        "mean_other_mass": float(other.mean()) if len(other) else None,
    }


def order_figures(frame):
    valid = frame[frame["valid"]].copy()
    first = ((valid["order"] == "follow_first") & (valid["allow"] == 0)) | (
        (valid["order"] == "allow_first") & (valid["allow"] == 1))
    out = {"position_bias": float(first.mean()), "position_bias_ci": wilson(int(first.sum()), len(valid))}
    for order in ["follow_first", "allow_first"]:
        out["allow_rate_" + order] = float(valid[valid["order"] == order]["allow"].mean())
    per_item = valid.groupby(["item_id", "order"])["allow"].agg(["sum", "count"]).reset_index()
    per_item["follow_majority"] = per_item["count"] - per_item["sum"] >= per_item["sum"]
    wide = per_item.pivot(index="item_id", columns="order", values="follow_majority").dropna()
    out["items_compared"] = len(wide)
    out["items_disagreeing"] = int((wide["follow_first"] != wide["allow_first"]).sum())
    return out


def context(frame, factor):
    valid = frame[frame["valid"]]
    deviations = {}
    for model, group in valid.groupby("model"):
        overall = group["allow"].mean()
        for level, sub in group.groupby(factor):
            deviations.setdefault(level, []).append(sub["allow"].mean() - overall)
    averaged = {level: float(np.mean(values)) for level, values in deviations.items()}
    return {"deviations": averaged, "spread": max(averaged.values()) - min(averaged.values())}


def demographic(frame, factor, minuend, subtrahend):
    valid = frame[frame["valid"]]
    per_model = {}
    for model, group in valid.groupby("model"):
        a = group[group[factor] == minuend]["allow"].mean()
        b = group[group[factor] == subtrahend]["allow"].mean()
        per_model[model] = float(a - b)
    return {"difference": float(np.mean(list(per_model.values()))), "per_model": per_model}


FACTORS = ["region", "country", "scenario", "type", "holder", "demographics", "actor.age",
           "actor.gender", "order"]


def chi_square_tests(frame):
    valid = frame[frame["valid"]]
    tests = []
    for model, group in valid.groupby("model", sort=False):
        for factor in FACTORS:
            table = pd.crosstab(group[factor], group["allow"])
            if table.shape[0] < 2 or table.shape[1] < 2:
                tests.append({"model": model, "factor": factor, "p_value": None})
                continue
            chi2, p, dof, _ = stats.chi2_contingency(table.values, correction=False)
            n = table.values.sum()
            v = np.sqrt(chi2 / (n * (min(table.shape) - 1)))
            tests.append({"model": model, "factor": factor, "statistic": float(chi2), "df": int(dof),
                          "p_value": float(p), "cramers_v": float(v)})
    return tests


def design(valid, terms, references, drop_columns):
    columns = {"intercept": np.ones(len(valid))}
    for term in terms:
        for level in sorted(valid[term].unique()):
            name = f"{term}={level}"
            if level != references[term] and name not in drop_columns:
                columns[name] = (valid[term] == level).astype(float).values
    return pd.DataFrame(columns, index=valid.index)


def logistic(valid, terms, references, drop_columns=()):
    X = design(valid, terms, references, set(drop_columns))
    model = sm.GLM(valid["allow"].values, X, family=sm.families.Binomial())
    fit = model.fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(valid["scenario"])[0]},
                    tol=1e-12, maxiter=200)
    return fit, X


def regression(frame, terms, references, drop_columns):
    valid = frame[frame["valid"]].copy()
    fit, X = logistic(valid, terms, references, drop_columns)
    out = {
        "deviance": float(fit.deviance),
        "null_deviance": float(fit.null_deviance),
        "coefficients": {name: {"estimate": float(fit.params[name]), "std_error": float(fit.bse[name])}
                         for name in X.columns},
        "importance": {},
    }
    for term in terms:
        reduced, _ = logistic(valid, [t for t in terms if t != term], references, drop_columns)
        out["importance"][term] = float(reduced.deviance - fit.deviance)
    return out


def paired(frame, first, second):
    a = frame[frame["model"] == first].set_index(["cell_id", "sample"])
    b = frame[frame["model"] == second].set_index(["cell_id", "sample"])
    joined = a.join(b, how="inner", lsuffix="_a", rsuffix="_b")
    joined = joined[joined["valid_a"] & joined["valid_b"]]
    table = pd.crosstab(joined["allow_a"], joined["allow_b"]).reindex(index=[0, 1], columns=[0, 1], fill_value=0)
    result = mcnemar(table.values, exact=True)
    return {
        "pairs": len(joined),
        "difference": float(joined["allow_b"].mean() - joined["allow_a"].mean()),
        "flip_to_allow": float(((joined["allow_a"] == 0) & (joined["allow_b"] == 1)).mean()),
        "flip_to_follow": float(((joined["allow_a"] == 1) & (joined["allow_b"] == 0)).mean()),
        "mcnemar_p": float(result.pvalue),
    }


def human(frame):
    answers = pd.read_csv(ROOT / "fixtures" / "human" / "answers.csv")
    letter_follows = np.where(answers["order"] == "follow_first", answers["choice"] == "A", answers["choice"] == "B")
    answers["follow"] = letter_follows.astype(int)
    spec = json.load(open(RUNS / "basic" / "spec.json"))
    item_country = frame.groupby("item_id")["country"].first()
    answers["item_country"] = answers["item_id"].map(item_country)

    def relation(row):
        if row["respondent_country"] == row["item_country"]:
            return "same"
        country = spec["countries"][row["item_country"]]
        if row["respondent_country"] in country["close"]:
            return "close"
        if row["respondent_country"] in country["far"]:
            return "far"
        return "other"

    answers["relation"] = answers.apply(relation, axis=1)
    agreement = lambda p: np.maximum(p, 1 - p)
    by_relation = answers.groupby(["question", "relation", "item_id"])["follow"].mean().pipe(agreement)
    by_relation = by_relation.groupby(["question", "relation"]).mean()
    by_country = {}
    for (country, question), group in answers.groupby(["respondent_country", "question"]):
        by_country[f"{country}/{question}"] = {
            "follow_rate": float(group["follow"].mean()),
            "follow_ci": wilson(int(group["follow"].sum()), len(group)),
        }

    valid = frame[frame["valid"]]
    alignment = {}
    for question, group in answers.groupby("question"):
        h = group.groupby("item_id")["follow"].mean()
        for model, decisions in valid.groupby("model"):
            q = 1 - decisions.groupby("item_id")["allow"].mean()
            items = h.index.intersection(q.index)
            hh, qq = h[items].values, q[items].values
            choice = (qq >= 0.5).astype(float)
            probs = frame[frame["model"] == model].groupby("item_id")["p_follow"].mean()[items]
            dist = probs.values if probs.notna().all() else qq
            entry = {
                "items": len(items),
                "majority_agreement": float(np.mean((qq >= 0.5) == (hh >= 0.5))),
                "mean_absolute_error": float(np.mean(np.abs(choice - hh))),
                "signed_gap": float(np.mean(qq - hh)),
                "uncertainty_correlation": float(stats.pearsonr(agreement(hh), agreement(qq))[0]),
                "jensen_shannon": float(np.mean([jensenshannon([m, 1 - m], [x, 1 - x], base=2) for m, x in zip(dist, hh)])),
                "total_variation": float(np.mean(np.abs(dist - hh))),
                "pearson": float(stats.pearsonr(dist, hh)[0]),
                "spearman": float(stats.spearmanr(dist, hh)[0]),
            }
            if probs.notna().all():
                entry["probability_uncertainty_correlation"] = float(stats.pearsonr(agreement(hh), agreement(probs.values))[0])
            alignment[f"{model}/{question}"] = entry
    return {
        "by_relation": {f"{q}/{r}": float(v) for (q, r), v in by_relation.items()},
        "by_country": by_country,
        "alignment": alignment,
    }


def main():
    basic = load("basic")
    expected = {"basic": {}, "position": {}, "separation": {}, "unknown": {}}
    b = expected["basic"]
    b["models"] = {m: rate_figures(g) for m, g in basic.groupby("model")}
    b["country_rates"] = {f"{m}/{c}": rate_figures(g) for (m, c), g in basic.groupby(["model", "country"])}
    b["order"] = {m: order_figures(g) for m, g in basic.groupby("model")}
    b["context"] = {f: context(basic, f) for f in ["region", "country"]}
    b["demographics"] = {
        "actor.age": demographic(basic, "actor.age", "younger", "older"),
        "actor.gender": demographic(basic, "actor.gender", "female", "male"),
    }
    b["tests"] = chi_square_tests(basic)
    # Treatment coding with pactc's reference levels: first in natural order (actor,
    # shown, follow_first), else alphabetical with the persona level `none` last. The
    # `none` level of actor.gender marks the same rows as that of actor.age, so it is
    # aliased and left out.
    terms = ["model", "country", "type", "holder", "actor.age", "actor.gender", "order"]
    references = {"model": "base", "country": "BR", "type": "hospitality", "holder": "actor",
                  "actor.age": "older", "actor.gender": "female", "order": "follow_first"}
    b["regression"] = regression(basic, terms, references, ["actor.gender=none"])
    b["paired"] = paired(basic, "base", "tuned")
    p_values = [t["p_value"] for t in b["tests"] if t["p_value"] is not None]
    valid = basic[basic["valid"]]
    for term in terms:
        df = valid[term].nunique() - 1 - (1 if term == "actor.gender" else 0)
        p_values.append(float(stats.chi2.sf(b["regression"]["importance"][term], df)))
    p_values.append(b["paired"]["mcnemar_p"])
    b["p_adjusted"] = [float(x) for x in multipletests(p_values, method="fdr_bh")[1]]
    b["human"] = human(basic)

    position = load("position")
    expected["position"]["order"] = order_figures(position)

    # Japan's decisions are all Follow Culture, so the maximum-likelihood estimate of the
    # Japan coefficient is minus infinity. The other coefficients then tend to their
    # estimates on the data without Japan.
    separation = load("separation")
    kept = separation[separation["country"] != "JP"]
    sep_terms = ["country", "type", "holder", "actor.age", "actor.gender", "order"]
    sep_refs = dict(references, country="BR")
    expected["separation"]["regression"] = regression(kept, sep_terms, sep_refs, ["actor.gender=none"])

    unknown = load("unknown")
    expected["unknown"]["models"] = {m: rate_figures(g) for m, g in unknown.groupby("model")}

    out = Path(__file__).parent / "expected.json"
    out.write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
