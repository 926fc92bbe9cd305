"""`e`: write the gap report for a role as TOML, Markdown or HTML (by the file name's ending);
refuses what is not a plain file, asks before replacing a file or making a folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from rolequiz.domain.content import Role
from rolequiz.domain.session import QuizSession
from rolequiz.errors import RolequizError
from rolequiz.files.export import export_target
from rolequiz.files.report_formats import format_of
from rolequiz.tui.screens.paths import path_input, shown_path, typed_path
from rolequiz.tui.widgets.literal import literal, template

Stage = Literal["edit", "confirm", "done"]


FORMAT_NAMES = {"toml": "TOML", "markdown": "Markdown", "html": "HTML"}


@dataclass(frozen=True)
class TargetCheck:
    """Why the report cannot go to a path (`refuse`), or what to ask first (`button` says yes
    to replacing a file or to making the missing folder)."""

    reason: str
    refuse: bool = False
    button: str = "Replace"
    create_folders: bool = False


def check_target(path: Path, profile: Path) -> TargetCheck | None:
    """The export target as `rolequiz.files.export.export_target` judges it, in the dialog's
    words. None: write it."""
    check = export_target(path, profile)
    shown = shown_path(path)
    if check.kind == "refused":
        return TargetCheck(f"{shown} {check.reason}.", refuse=True)
    if check.kind == "create_folder":
        folder = shown_path(check.folder or path.parent)
        return TargetCheck(
            f"{folder} does not exist. Create it? y creates it, n keeps to another name.",
            button="Create",
            create_folders=True,
        )
    if check.kind == "replace":
        return TargetCheck(f"{shown} {check.reason}. Replace it? y replaces, n keeps it.")
    return None


class ExportModal(ModalScreen[Path | None]):
    """Edit the path, enter writes; an existing file or link needs `y` first. Dismisses with the
    path written, or None."""

    AUTO_FOCUS = "#export-path"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "submit",
            "Write",
            key_display="⏎",
            tooltip="Write the report to this path (or press the focused button)",
            priority=True,
        ),
        Binding("escape", "close", "Close", key_display="esc", tooltip="Close; nothing written"),
        Binding(
            "y", "replace", "Yes", tooltip="Replace the existing file, or create the missing folder"
        ),
        Binding("n", "keep", "No", tooltip="Write nothing there; choose another name"),
    ]

    def __init__(
        self,
        session: QuizSession,
        role: Role,
        default_path: Path,
        *,
        recommended: bool,
        generated: datetime | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.role = role
        self.default_path = default_path
        self.recommended = recommended
        self.generated = generated
        self.stage: Stage = "edit"
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label("[b]Export the gap report[/b]", id="export-title")
            yield Static(
                template(
                    "For [b]$role[/b]$tag: every role's scores and this role's gap list. The "
                    "name's ending picks the format: .toml, .md (Markdown) or .html (one page).",
                    role=self.role.name,
                    tag=" (recommended)" if self.recommended else "",
                ),
                id="export-about",
            )
            yield Label("Write to:")
            yield path_input(self.default_path, id="export-path")
            yield Static(id="export-format")
            yield Static(id="export-message")
            with Horizontal(id="export-buttons", classes="dialog-buttons"):
                yield Button("Write", id="write", variant="primary", compact=True)
                yield Button("Replace", id="replace", variant="warning", compact=True)
                yield Button("Keep it", id="keep", compact=True)
                yield Button("Close", id="close", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self._set_stage("edit")
        self._show_format()

    def _show_format(self) -> None:
        raw = self.query_one("#export-path", Input).value
        self.query_one("#export-format", Static).update(
            f"Format: {FORMAT_NAMES[format_of(raw.strip())]}"
        )

    def _set_stage(self, stage: Stage, message: str = "", *, error: bool = False) -> None:
        self.stage = stage
        text = self.query_one("#export-message", Static)
        text.update(literal(message))
        text.display = bool(message)
        text.set_class(error, "-error")
        self.query_one("#write").display = stage == "edit"
        self.query_one("#replace").display = stage == "confirm"
        self.query_one("#keep").display = stage == "confirm"
        self.query_one("#close").display = stage == "done"
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("replace", "keep"):
            return self.stage == "confirm"
        if action == "submit":
            return self.stage == "edit"
        return True

    def action_submit(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
        else:
            self.write_or_ask()

    def _target(self) -> Path | None:
        raw = self.query_one("#export-path", Input).value
        if not raw.strip():
            self._set_stage("edit", "Type a file name for the report.", error=True)
            return None
        return typed_path(raw)

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#write")
    def write_or_ask(self) -> None:
        if self.stage == "done":
            self.action_close()
            return
        path = self._target()
        if path is None:
            return
        if path.is_dir() and not path.is_symlink():
            self._set_stage("edit", f"{shown_path(path)} is a folder: add a file name.", error=True)
            return
        check = check_target(path, self.session.path)
        if check is not None and check.refuse:
            self._set_stage("edit", check.reason, error=True)
            return
        if check is not None:
            self.query_one("#replace", Button).label = check.button
            self._set_stage("confirm", check.reason)
            self.query_one("#keep", Button).focus()
            return
        self._write(path, replace=False)

    @on(Input.Changed, "#export-path")
    def path_edited(self) -> None:
        self._show_format()
        if self.stage != "edit":
            self._set_stage("edit")

    @on(Button.Pressed, "#replace")
    def action_replace(self) -> None:
        path = self._target()
        if path is not None and self.stage == "confirm":
            check = check_target(path, self.session.path)
            if check is not None and check.refuse:
                self._set_stage("edit", check.reason, error=True)
                return
            self._write(
                path, replace=True, create_folders=check is not None and check.create_folders
            )

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self._set_stage("edit", "Nothing written: type another name.")
        self.query_one("#export-path", Input).focus()

    def _write(self, path: Path, *, replace: bool, create_folders: bool = False) -> None:
        try:
            self.session.export_report(
                path,
                self.role,
                generated=self.generated,
                replace=replace,
                create_folders=create_folders,
                form=format_of(path.name),
            )
        except RolequizError as exc:
            self._set_stage("edit", str(exc), error=True)
            return
        self.written = path
        self._set_stage("done", f"Written to {shown_path(path)}")
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.written)
