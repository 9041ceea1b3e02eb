"""New learner profiles and evidence files from templates that explain every field.

A scaffold never overwrites: the file is created only if nothing is there yet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .assessment.staff import assessor_problem, same_person
from .boundary import Refused, check_inside, open_file, write_inside
from .load import MAX_YAML_BYTES, PROFILE_FILE, Project
from .profiles import LEARNER_ID_PATTERN, LearnerProfile, Role
from .suggest import did_you_mean
from .yamlsafe import YamlError, parse_yaml


class ScaffoldRefused(Exception):
    """The file cannot be created: it exists already, or an input is unknown."""


class UnknownName(ScaffoldRefused):
    """A learner, qualification, unit, staff member or evidence type that the project does not have."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option
        """The command-line option that gave the name, if one did."""


def scalar(value: object) -> str:
    """A value as one line of YAML, quoted where YAML would misread it."""
    if value is None:
        return ""
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return dumped.removesuffix("\n...\n").strip()


def create_new(project: Project, path: Path, content: str) -> None:
    """Write ``content`` to ``path`` only if nothing is there yet, never through a link; never a partial file."""
    try:
        write_inside(project.root / "evidence", path, content.encode("utf-8"), exclusive=True)
    except FileExistsError:
        raise ScaffoldRefused(f"'{path}' already exists; nothing was changed") from None
    except Refused as exc:
        raise ScaffoldRefused(f"{exc.message}; nothing was created ({exc.hint})") from None


def slug(text: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned[:60].rstrip("-") or "evidence"


@dataclass
class LearnerDetails:
    """What a new learner profile records; None where it was not given."""

    name: str | None = None
    registration_number: str | None = None
    qualification: str | None = None
    units: list[str] = field(default_factory=list)
    assessor: str | None = None
    iqa: str | None = None
    start_date: dt.date | None = None
    declaration_date: dt.date | None = None
    """When the learner signed the declaration of authenticity (None: not yet)."""


REQUIRED_DETAILS = {
    "name": "--name",
    "qualification": "--qualification",
    "units": "--unit",
    "assessor": "--assessor",
    "iqa": "--iqa",
}
"""The profile's required fields and the options that give them."""


def refuse_existing_learner(project: Project, learner_id: str) -> None:
    """Refuse an id that is not valid or already has a folder, before anyone is asked anything."""
    if not re.match(LEARNER_ID_PATTERN, learner_id):
        raise ScaffoldRefused(f"'{learner_id}' is not a valid learner id: use lower-case letters, digits, '-' or '_'")
    if learner_id in project.learner_folders or (project.root / "evidence" / learner_id).exists():
        raise ScaffoldRefused(f"evidence/{learner_id}/ already exists; nothing was changed")


def default_details(project: Project, details: LearnerDetails) -> str | None:
    """Fill in what has one right answer: the only qualification, its mandatory units. Say what was filled in."""
    if details.qualification is None and len(project.qualifications) == 1:
        details.qualification = next(iter(project.qualifications))
    qualification = project.qualifications.get(details.qualification or "")
    if not details.units and qualification is not None and qualification.rules.mandatory:
        details.units = list(qualification.rules.mandatory)
        return f"units: {', '.join(details.units)}, the mandatory units of {qualification.id} (give --unit for others)"
    return None


def missing_details(details: LearnerDetails) -> list[str]:
    """The options of required fields not given yet."""
    return [option for name, option in REQUIRED_DETAILS.items() if not getattr(details, name)]


def check_qualification(project: Project, qualification: str) -> str:
    if qualification not in project.qualifications:
        raise UnknownName(f"no qualification '{qualification}'" + suggest(qualification, project.qualifications),
                          "--qualification")
    return qualification


def check_unit(project: Project, qualification: str | None, code: str) -> str:
    """A unit a learner can be registered on here, or :class:`UnknownName` saying why not."""
    code = code.strip()
    if code in project.unit_entries and code not in project.units:
        raise UnknownName(f"unit '{code}' is not assessed at this centre: it has only a short entry in the "
                          "qualification (if the learner achieved it elsewhere, record it under 'achieved_elsewhere' "
                          "in learner.yml)", "--unit")
    named = project.qualifications[qualification].units_named() if qualification in project.qualifications else None
    if code not in project.units:
        likely = [c for c in named or () if c in project.units]  # the qualification's own units first
        raise UnknownName(f"no unit '{code}'" + (suggest(code, likely) or suggest(code, project.units)), "--unit")
    if named is not None and code not in named:
        offered = ", ".join(c for c in named if c in project.units)
        raise UnknownName(f"unit '{code}' is not part of {qualification}'s rules of combination "
                          f"(its units assessed here: {offered})", "--unit")
    return code


def check_staff(project: Project, name: str, role: str, units: Sequence[str] = ()) -> str:
    """The staff member's name as the centre writes it, if they may take ``role`` ('assessor' or 'iqa').

    A centre that lists no staff accepts any name.
    """
    name = " ".join(name.split())
    option = f"--{role}"
    if not name:
        raise UnknownName("it is empty: give a name", option)
    centre = project.centre
    if centre is None or not centre.staff:
        return name
    if role == "assessor":
        for unit in units:
            problem = assessor_problem(centre, None, unit, name)
            if problem is not None:
                raise UnknownName(problem, option)
        member = centre.member(name)
        if member is None:  # no unit to check against: still, the assessor is one of the staff
            raise UnknownName(assessor_problem(centre, None, "", name) or "", option)
        if not member.assesses:
            raise UnknownName(f"{member.name} is not an assessor (roles: {_roles(member.roles)})", option)
        return member.name
    member = centre.member(name)
    if member is None:
        iqas = [m.name for m in centre.staff if {Role.IQA, Role.LEAD_IQA} & set(m.roles)]
        raise UnknownName(f"'{name}' is not on the centre's staff (evidence/centre.yml)" + suggest(name, iqas), option)
    if not {Role.IQA, Role.LEAD_IQA} & set(member.roles):
        raise UnknownName(f"{member.name} is not an internal quality assurer (roles: {_roles(member.roles)})", option)
    return member.name


def _roles(roles: list[Role]) -> str:
    return ", ".join(role.value for role in roles)


def staff_with(project: Project, role: str) -> list[str]:
    """Names of the staff who may take ``role``, to offer when asking."""
    if project.centre is None:
        return []
    wanted = {Role.ASSESSOR, Role.TRAINEE_ASSESSOR} if role == "assessor" else {Role.IQA, Role.LEAD_IQA}
    return [m.name for m in project.centre.staff if wanted & set(m.roles)]


def new_learner(project: Project, learner_id: str, details: LearnerDetails, today: dt.date | None = None) -> Path:
    """Create evidence/ID/learner.yml from the details, which must pass 'portfolio check'; return its path."""
    refuse_existing_learner(project, learner_id)
    missing = missing_details(details)
    if missing:
        raise ScaffoldRefused(f"missing {', '.join(missing)}; nothing was created")
    refuse_taken_registration(project, details.registration_number)
    qualification = check_qualification(project, details.qualification or "")
    units = list(dict.fromkeys(check_unit(project, qualification, code) for code in details.units))
    assessor = check_staff(project, details.assessor or "", "assessor", units)
    if same_person(assessor, details.name or ""):
        raise UnknownName(f"'{assessor}' is the learner: a learner cannot assess their own work", "--assessor")
    iqa = check_staff(project, details.iqa or "", "iqa")
    start = details.start_date or today or dt.date.today()
    signed = details.declaration_date
    profile = {
        "name": " ".join((details.name or "").split()),
        "registration_number": details.registration_number,
        "qualification": qualification,
        "units": units,
        "assessor": assessor,
        "iqa": iqa,
        "start_date": start,
        "declaration": {"signed": signed is not None, "date": signed},
    }
    try:
        LearnerProfile.model_validate(profile)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ScaffoldRefused(f"{where}: {first['msg']}; nothing was created") from None
    qualifications = "; ".join(f"{q.id}: {q.title}" for q in project.qualifications.values())
    unit_list = "; ".join(f"{u.code}: {u.title}" for u in project.units.values())
    lines = [
        "# Learner profile: 'portfolio check' reports anything missing or wrong in it.",
        f"name: {scalar(profile['name'])}  # the learner's full name",
        f"registration_number: {scalar(details.registration_number)}".rstrip()
        + "  # the awarding body's learner registration number, once registered",
        f"qualification: {scalar(qualification)}  # one of: {qualifications}",
        f"units:  # the units the learner is registered for; available: {unit_list}",
        *[f"  - {scalar(code)}" for code in units],
        f"assessor: {scalar(assessor)}  # the learner's assessor",
        f"iqa: {scalar(iqa)}  # the internal quality assurer",
        f"start_date: {start.isoformat()}  # evidence dated earlier counts only as prior learning",
        "declaration:  # the learner's declaration that the evidence is their own work",
        f"  signed: {'true' if signed else 'false'}"
        + ("" if signed else "  # set to true, with the date, once the learner has signed it"),
        f"  date: {signed.isoformat() if signed else ''}".rstrip(),
        "# achieved_elsewhere:  # units achieved before or elsewhere, counted towards the rules",
        "#   - {unit: CODE, route: credit-transfer, date: YYYY-MM-DD, reference: certificate number}",
        "",
    ]
    path = inside_evidence(project, project.root / "evidence" / learner_id / PROFILE_FILE)
    create_new(project, path, "\n".join(lines))
    return path


def profile_as_written(project: Project, learner_id: str) -> dict[str, Any] | None:
    """A learner's learner.yml as plain data, valid or not; None if it cannot be read as YAML."""
    try:
        with open_file(project.root / "evidence" / learner_id / PROFILE_FILE, project.root / "evidence") as handle:
            raw = handle.read(MAX_YAML_BYTES + 1)
        if len(raw) > MAX_YAML_BYTES:
            return None
        value = parse_yaml(raw.decode("utf-8")).value
    except (Refused, OSError, UnicodeDecodeError, YamlError):
        return None
    return value if isinstance(value, dict) else None


def refuse_taken_registration(project: Project, number: str | None) -> None:
    """Each learner has their own registration number: refuse one another learner's profile gives."""
    if not number:
        return
    wanted = number.strip()
    for folder in project.learner_folders:
        value = profile_as_written(project, folder)
        if value is not None and str(value.get("registration_number") or "").strip() == wanted:
            raise UnknownName(f"registration number '{wanted}' is already used by learner '{folder}'", "--registration-number")


def inside_evidence(project: Project, path: Path) -> Path:
    """``path``, if no link lies on the way to it from evidence/: a scaffold never writes through one."""
    try:
        return check_inside(project.root / "evidence", path)
    except Refused as exc:
        raise ScaffoldRefused(f"{exc.message}; nothing was created ({exc.hint})") from None


def suggest(word: str, choices: object) -> str:
    suggestion = did_you_mean(word, choices)  # type: ignore[arg-type]
    return f"; {suggestion}" if suggestion else ""
