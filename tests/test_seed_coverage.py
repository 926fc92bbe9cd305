"""Every skill, tool and practice named in the seed documents is in the question bank."""

from __future__ import annotations

import re

import pytest

from rolequiz.domain.content import Bank

# Read off ../shared/seeds/ by hand: each name as a seed writes it, with the seed it is from.
SEED_NAMES = {
    # 000: a day of an AWS data engineer and ML engineer
    "000": [
        "ETL",
        "AWS Glue",
        "EMR",
        "Lambda",
        "S3",
        "Kinesis Data Streams",
        "PySpark",
        "Step Functions",
        "Glue Data Catalog",
        "Athena",
        "Data Quality",
        "Great Expectations",
        "Lambda triggers",
        "IAM",
        "S3 bucket policies",
        "Parquet",
        "ORC",
        "Data Lineage",
        "Compliance",
        "CloudWatch",
        "Cost Optimization",
        "Spark",
        "partitioning",
        "S3 Glacier",
        "DynamoDB",
        "SageMaker endpoints",
        "data drift",
        "Model Monitor",
        "SageMaker Notebooks",
        "Hyperparameter Tuning Jobs",
        "Bring Your Own Container",
        "BYOC",
        "SageMaker Pipelines",
        "multi-model endpoints",
        "batch inference",
        "CodePipeline",
        "CI/CD",
        "Spot",
        "Elastic Inference",
        "SageMaker Model Registry",
        "SageMaker",
    ],
    # 001: Data Engineer vs Data Scientist vs ML Engineer
    "001": [
        "SQL",
        "Apache Spark",
        "AWS",
        "GCP",
        "Azure",
        "Data Warehousing",
        "Python",
        "Statistics",
        "Data Visualization",
        "Machine Learning",
        "Deep Learning",
        "Model Deployment",
        "Kubernetes",
        "MLOps",
        "Apache Kafka",
        "Hadoop",
        "Snowflake",
        "Airflow",
        "Apache Airflow",
        "Jupyter Notebook",
        "Pandas",
        "Scikit-learn",
        "TensorFlow",
        "PyTorch",
        "Docker",
        "Java",
        "Scala",
        "R",
        "C++",
        "PostgreSQL",
        "MongoDB",
        "NumPy",
        "Matplotlib",
        "Seaborn",
        "Tableau",
        "Kubeflow",
        "MLflow",
        "AWS SageMaker",
        "Google Vertex AI",
        "data pipelines",
        "real-time inference",
        "recommendation engine",
        "fraud detection",
        "exploratory data analysis",
        "data lakes",
        "unstructured data",
    ],
    # 002: where the lines blur
    "002": [
        "Apache Spark",
        "Hadoop",
        "Snowflake",
        "Airflow",
        "scikit-learn",
        "Data Preparation",
        "MLflow",
        "Apache Kafka",
        "Databricks",
        "anomaly detection",
    ],
    # 003: Data Engineer vs Data Analytics vs Data Scientist vs ML Engineer
    "003": [
        "Database management",
        "distributed computing",
        "ETL processes",
        "Power BI",
        "basic statistics",
        "advanced statistics",
        "machine learning algorithms",
        "Software engineering practices",
        "cloud computing",
        "deep learning frameworks",
        "dashboards",
        "predictive analytics",
    ],
}
# The ones practitioners expect even where the seeds are silent (issue: the question bank).
PRACTITIONER_NAMES = [
    "Excel",
    "Git",
    "Linux",
    "Bash",
    "dbt",
    "BigQuery",
    "Redshift",
    "Looker",
    "Terraform",
    "A/B testing",
    "XGBoost",
    "Keras",
    "Hugging Face",
]


def normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9+/]+", " ", name.casefold()).strip()


def names_in(bank: Bank) -> dict[str, str]:
    found: dict[str, str] = {}
    for skill in bank.skills:
        for name in (skill.name, *skill.aliases):
            found.setdefault(normalise(name), skill.id)
    return found


@pytest.mark.parametrize(
    ("seed", "name"),
    [(seed, name) for seed, names in SEED_NAMES.items() for name in names]
    + [("practitioners", name) for name in PRACTITIONER_NAMES],
)
def test_name_is_a_skill_or_an_alias(shipped_bank: Bank, seed: str, name: str) -> None:
    assert normalise(name) in names_in(shipped_bank), f"seed {seed}: '{name}' is not in the bank"


def test_no_name_points_at_two_skills(shipped_bank: Bank) -> None:
    seen: dict[str, str] = {}
    for skill in shipped_bank.skills:
        for name in {normalise(n) for n in (skill.name, *skill.aliases)}:
            assert seen.setdefault(name, skill.id) == skill.id, f"'{name}' names two skills"
