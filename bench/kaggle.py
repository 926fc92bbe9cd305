"""Read the Kaggle 2022 survey extract as quiz answers, for the quality and adaptive benches.

How a row becomes answers (the data's README, plus three refinements):
- a tool or activity the person uses regularly is a skill they apply in real work without help:
  level 3 (Independent);
- a question they answered without ticking any option that maps to the skill: level 0;
- a question they never answered is unanswered. The survey skipped its cloud, database, BI,
  managed-ML and MLOps questions for people with no cloud spend (asked_cloud_tool_questions = 0);
  and a person who ticked nothing at all in a question (not even "None") left it unanswered.
  Everything the survey never asked about (Spark, Kafka, Airflow, dbt, Docker ...) is unanswered.
- for the few skills in POSITIVE_ONLY a tick still means level 3, but no tick leaves the skill
  unanswered: their options cover only a narrow slice of the skill, so not ticking one says
  nothing about whether the person has it (the reason is written next to each entry).
- the survey asked its machine learning questions (frameworks, algorithms, ML platforms, AutoML,
  serving, monitoring, ML hardware) only of people who use machine learning: someone who answered
  "I do not use machine learning methods" skipped them, and that answer is a no to every tool in
  them (level 0), not a blank.

Each skill maps to the survey options that mean "uses it regularly". The mapping is written
once, here, by reading the options' words; it is not fitted to the labels.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared/data/kaggle-survey-2022/data_roles.csv"
CSV_ENV = "ROLEQUIZ_KAGGLE_CSV"

# Survey titles -> the role ids rolequiz recommends. MLOps counts as ML Engineer (one merged
# option in that survey); the adjacent titles are read but not scored.
SURVEY_ROLES = {
    "Data Engineer": "data_engineer",
    "Data Analyst": "data_analyst",
    "Data Scientist": "data_scientist",
    "ML Engineer / MLOps Engineer (merged in 2022)": "ml_engineer",
}
# How a recommended role counts against the four survey titles.
AS_SURVEY_ROLE = {
    "data_engineer": "data_engineer",
    "data_analyst": "data_analyst",
    "data_scientist": "data_scientist",
    "ml_engineer": "ml_engineer",
    "mlops_engineer": "ml_engineer",
}

CLOUD_TOPICS = frozenset(
    {
        "cloud",
        "cloud_compute",
        "storage",
        "data_product",
        "bi",
        "managed_ml",
        "automl",
        "model_serving",
        "ml_monitoring",
        "hardware",
    }
)

_VIZ_LIBRARIES = (
    "viz:Matplotlib",
    "viz:Seaborn",
    "viz:Plotly / Plotly Express",
    "viz:Ggplot / ggplot2",
    "viz:Shiny",
    "viz:D3 js",
    "viz:Altair",
    "viz:Bokeh",
    "viz:Geoplotlib",
    "viz:Leaflet / Folium",
    "viz:Pygal",
    "viz:Dygraphs",
    "viz:Highcharter",
)
_BI_TOOLS = (
    "bi:Amazon QuickSight",
    "bi:Microsoft Power BI",
    "bi:Google Data Studio",
    "bi:Looker",
    "bi:Tableau",
    "bi:Qlik Sense",
    "bi:Domo",
    "bi:TIBCO Spotfire",
    "bi:Alteryx",
    "bi:Sisense",
    "bi:SAP Analytics Cloud",
    "bi:Microsoft Azure Synapse",
    "bi:Thoughtspot",
)
_CLASSIC_ML = (
    "ml_algo:Linear or Logistic Regression",
    "ml_algo:Decision Trees or Random Forests",
    "ml_algo:Gradient Boosting Machines (xgboost, lightgbm, etc)",
    "ml_algo:Bayesian Approaches",
)
_NEURAL_NETS = (
    "ml_algo:Dense Neural Networks (MLPs, etc)",
    "ml_algo:Convolutional Neural Networks",
    "ml_algo:Generative Adversarial Networks",
    "ml_algo:Recurrent Neural Networks",
    "ml_algo:Transformer Networks (BERT, gpt-3, etc)",
    "ml_algo:Autoencoder Networks (DAE, VAE, etc)",
    "ml_algo:Graph Neural Networks",
)
_SERVING_TOOLS = (
    "model_serving:TensorFlow Extended (TFX)",
    "model_serving:TorchServe",
    "model_serving:ONNX Runtime",
    "model_serving:Triton Inference Server",
    "model_serving:OpenVINO Model Server",
    "model_serving:KServe",
    "model_serving:BentoML",
    "model_serving:Multi Model Server (MMS)",
    "model_serving:Seldon Core",
    "model_serving:MLflow",
)

# skill id -> survey options meaning "uses it regularly"
SKILL_COLUMNS: dict[str, tuple[str, ...]] = {
    "python": ("lang:Python",),
    "r": ("lang:R",),
    "sql": ("lang:SQL",),
    "java": ("lang:Java",),
    "cpp": ("lang:C++",),
    "csharp": ("lang:C#",),
    "javascript": ("lang:Javascript",),
    "matlab": ("lang:MATLAB", "ide:MATLAB"),
    "bash_linux": ("lang:Bash",),
    "jupyter": ("ide:JupyterLab", "ide:Jupyter Notebook"),
    "matplotlib": ("viz:Matplotlib",),
    "seaborn": ("viz:Seaborn",),
    "data_visualization": _VIZ_LIBRARIES + _BI_TOOLS,
    "dashboards": _BI_TOOLS,
    "tableau": ("bi:Tableau",),
    "power_bi": ("bi:Microsoft Power BI",),
    # Google Data Studio was renamed Looker Studio in 2022
    "looker": ("bi:Looker", "bi:Google Data Studio"),
    "qlik": ("bi:Qlik Sense",),
    "alteryx": ("bi:Alteryx", "managed_ml:Alteryx"),
    "scikit_learn": ("ml_framework:Scikit-learn",),
    "tensorflow": ("ml_framework:TensorFlow",),
    "keras": ("ml_framework:Keras",),
    "pytorch": ("ml_framework:PyTorch", "ml_framework:PyTorch Lightning"),
    "xgboost": (
        "ml_framework:Xgboost",
        "ml_framework:LightGBM",
        "ml_framework:CatBoost",
        "ml_algo:Gradient Boosting Machines (xgboost, lightgbm, etc)",
    ),
    "hugging_face": ("ml_framework:Huggingface",),
    "machine_learning": _CLASSIC_ML + _NEURAL_NETS,
    "deep_learning": _NEURAL_NETS,
    "business_analysis": (
        "activity:Analyze and understand data to influence product or business decisions",
    ),
    "data_pipelines": (
        "activity:Build and/or run the data infrastructure that my business uses for storing, "
        "analyzing, and operationalizing data",
    ),
    "model_deployment": (
        "activity:Build and/or run a machine learning service that operationally improves my "
        "product or workflows",
        *_SERVING_TOOLS,
    ),
    "model_evaluation": ("activity:Experimentation and iteration to improve existing ML models",),
    "cloud_fundamentals": (
        "cloud:Amazon Web Services (AWS)",
        "cloud:Microsoft Azure",
        "cloud:Google Cloud Platform (GCP)",
        "cloud:IBM Cloud / Red Hat",
        "cloud:Oracle Cloud",
        "cloud:SAP Cloud",
        "cloud:VMware Cloud",
        "cloud:Alibaba Cloud",
        "cloud:Tencent Cloud",
        "cloud:Huawei Cloud",
    ),
    "aws": ("cloud:Amazon Web Services (AWS)", "cloud_compute:Amazon Elastic Compute Cloud (EC2)"),
    "azure": ("cloud:Microsoft Azure", "cloud_compute:Microsoft Azure Virtual Machines"),
    "gcp": ("cloud:Google Cloud Platform (GCP)", "cloud_compute:Google Cloud Compute Engine"),
    "aws_s3": ("storage:Amazon Simple Storage Service (S3)",),
    "postgresql": ("data_product:PostgreSQL",),
    "mysql": ("data_product:MySQL",),
    "oracle_database": ("data_product:Oracle Database",),
    "sql_server": ("data_product:Microsoft SQL Server",),
    "mongodb": ("data_product:MongoDB",),
    "snowflake": ("data_product:Snowflake",),
    "redshift": ("data_product:Amazon Redshift",),
    "dynamodb": ("data_product:Amazon DynamoDB",),
    "bigquery": ("data_product:Google Cloud BigQuery",),
    "sagemaker": (
        "managed_ml:Amazon SageMaker",
        "notebooks:Amazon Sagemaker Studio",
        "automl:Amazon Sagemaker Autopilot",
    ),
    "sagemaker_notebooks": ("notebooks:Amazon Sagemaker Studio",),
    "vertex_ai": (
        "managed_ml:Google Cloud Vertex AI",
        "notebooks:Google Cloud Vertex AI Workbench",
    ),
    "databricks": (
        "managed_ml:Databricks",
        "notebooks:Databricks Collaborative Notebooks",
        "automl:Databricks AutoML",
    ),
    "aws_emr": ("notebooks:Amazon EMR Notebooks",),
    "mlflow": ("model_serving:MLflow", "ml_monitoring:MLflow"),
    "experiment_tracking": (
        "ml_monitoring:Neptune.ai",
        "ml_monitoring:Weights & Biases",
        "ml_monitoring:Comet.ml",
        "ml_monitoring:TensorBoard",
        "ml_monitoring:Guild.ai",
        "ml_monitoring:ClearML",
        "ml_monitoring:MLflow",
    ),
    "model_monitoring": (
        "ml_monitoring:Aporia",
        "ml_monitoring:Evidently AI",
        "ml_monitoring:Arize",
        "ml_monitoring:WhyLabs",
        "ml_monitoring:Fiddler",
    ),
    "elastic_inference": ("hardware:Inferentia Chips",),
}


# Skills read from ticks only. Not ticking any of their options is not a "0": the options are a
# narrow slice of what the skill means, so the reading would misstate the person.
POSITIVE_ONLY = frozenset(
    {
        # The monitoring question lists only niche products (Aporia, Evidently, Arize, WhyLabs,
        # Fiddler); most teams monitor models with their platform or their own metrics.
        "model_monitoring",
        # The survey asks which programming languages one uses regularly; the skill is being at
        # home on the Linux command line, which few people would list as a language they use.
        "bash_linux",
        # The only EMR option is "Amazon EMR Notebooks" in the hosted-notebooks question; running
        # Spark or Hadoop jobs on EMR does not need its notebooks.
        "aws_emr",
        # The options are charting libraries and BI products; the survey offers no spreadsheet
        # option, and many people chart in Excel or Google Sheets.
        "data_visualization",
    }
)


# The survey's years-of-ML question offered "I do not use machine learning methods"; it then skipped
# its ML questions (checked in the file: none of these 523 people answered any of ML_TOPICS, while
# 96-100% of the others who were shown them did). Those topics count as asked, nothing ticked.
NO_ML = "I do not use machine learning methods"
ML_TOPICS = frozenset(
    {
        "ml_framework",
        "ml_algo",
        "managed_ml",
        "automl",
        "model_serving",
        "ml_monitoring",
        "hardware",
    }
)


@dataclass(frozen=True, slots=True)
class Respondent:
    source_row: str
    title: str  # the survey's role, normalised ("Data Scientist", "(adjacent) Statistician" ...)
    role_id: str | None  # the rolequiz role it counts as, None for the adjacent titles
    ratings: dict[str, int]


def csv_path() -> Path:
    return Path(os.environ.get(CSV_ENV, DEFAULT_CSV))


def _topic(column: str) -> str:
    return column.split(":", 1)[0]


def read_respondents(path: Path | None = None) -> Iterator[Respondent]:
    path = path or csv_path()
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = [c for c in (reader.fieldnames or []) if ":" in c]
        missing = {c for cols in SKILL_COLUMNS.values() for c in cols} - set(columns)
        if missing:
            raise SystemExit(f"{path}: columns not found: {sorted(missing)[:3]}")
        topics: dict[str, list[str]] = {}
        for column in columns:
            topics.setdefault(_topic(column), []).append(column)
        for row in reader:
            yield Respondent(
                source_row=row["source_row"],
                title=row["role"],
                role_id=SURVEY_ROLES.get(row["role"]),
                ratings=row_ratings(row, topics),
            )


def row_ratings(row: dict[str, str], topics: dict[str, list[str]]) -> dict[str, int]:
    cloud_asked = row.get("asked_cloud_tool_questions") == "1"
    answered = {
        topic
        for topic, columns in topics.items()
        if (cloud_asked or topic not in CLOUD_TOPICS) and any(row[c] == "1" for c in columns)
    }
    if row.get("years_ml") == NO_ML:
        answered |= ML_TOPICS & topics.keys()
    ratings: dict[str, int] = {}
    for skill_id, columns in SKILL_COLUMNS.items():
        if any(row[c] == "1" for c in columns):
            ratings[skill_id] = 3
        elif skill_id not in POSITIVE_ONLY and any(_topic(c) in answered for c in columns):
            ratings[skill_id] = 0
    return ratings
