from pathlib import Path

import pytest

from careermate_bot.config import ConfigError, build_settings

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_defaults_are_embedded(tmp_path: Path) -> None:
    settings = build_settings(_env_file=None, data_dir=tmp_path)
    assert settings.effective_database_url == f"sqlite://{tmp_path / 'careermate.sqlite3'}"
    assert settings.ollama_base_url == "http://localhost:11434"
    assert settings.ollama_model == "llama3.1:8b"
    assert settings.backup_keep == 10
    assert settings.effective_backup_dir == tmp_path / "backups"


def test_every_bad_value_is_one_readable_line() -> None:
    with pytest.raises(ConfigError) as caught:
        build_settings(
            _env_file=None,
            llm_provider="gpt",
            backup_keep=0,
            ollama_base_url="localhost:11434",
            owner_ids="12,abc",
        )
    lines = caught.value.lines
    assert len(lines) == 4
    joined = "\n".join(lines)
    assert "LLM_PROVIDER" in joined and "'gpt'" in joined and "example: LLM_PROVIDER=auto" in joined
    assert "BACKUP_KEEP" in joined and "greater than or equal to 1" in joined
    assert "OLLAMA_BASE_URL: must start with http:// or https://" in joined
    assert "OWNER_IDS" in joined


def test_owner_ids_parse_from_a_comma_list() -> None:
    settings = build_settings(_env_file=None, owner_ids="123, 456")
    assert settings.owner_ids == [123, 456]


def test_env_example_loads_and_lists_every_setting() -> None:
    from careermate_bot.config import Settings

    settings = build_settings(_env_file=PROJECT_ROOT / ".env.example")
    assert settings.llm_provider == "auto" and settings.dev_guild_id is None
    listed = {
        line.split("=", 1)[0]
        for line in (PROJECT_ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert listed == {name.upper() for name in Settings.model_fields}


def test_readme_configuration_table_lists_every_setting() -> None:
    from careermate_bot.config import Settings

    readme = (PROJECT_ROOT / "README.md").read_text()
    missing = [n.upper() for n in Settings.model_fields if f"| `{n.upper()}` |" not in readme]
    assert not missing, f"README configuration table lacks {missing}"
