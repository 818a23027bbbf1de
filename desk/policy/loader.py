"""Reading policy packs from TOML, validating them, and finding them by id.

A pack that breaks the schema, or a city pack that steps outside its framework's
bounds, is refused whole with the file, the key and the rule it breaks (PackError).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import tomllib
from importlib import resources
from pathlib import Path

from desk.money import InputError
from desk.policy.bounds import RULES, check_against
from desk.policy.errors import PackError
from desk.policy.pack import Bound, Pack, Param, PolicyError, Version
from desk.policy.params import SETTLEMENT_KEYS, SPECS, at_date, build_tree

PACK_KEYS = {"id", "name", "short", "kind", "document", "status", "follows", "versions"}
VERSION_KEYS = {"from", "source", "note", "bounds"}
PARAM_KEYS = {"value", "unset", "source", "note"}
__all__ = ["Library", "PackError", "parse_pack", "read_pack", "shipped_dir"]  # PackError is raised here; callers catch it from here


def shipped_dir() -> Path:
    return Path(str(resources.files("resources") / "policies"))


def _text(raw: dict, key: str, file: str, where: str, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise PackError(file, f"{where}{key}", "must be a non-empty string")
    return value


def _date(value: object, file: str, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise PackError(file, where, "must be a date, not a date-time")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PackError(file, where, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _params(table: dict, file: str, where: str, prefix: str = "") -> dict[str, Param]:
    """Flatten nested tables down to the tables that state a parameter (they carry a source)."""
    found: dict[str, Param] = {}
    for name, raw in table.items():
        key = f"{prefix}{name}"
        if not isinstance(raw, dict):
            raise PackError(file, f"{where}.{key}", "must be a table with value (or unset) and source")
        if not (set(raw) & PARAM_KEYS):
            found.update(_params(raw, file, where, f"{key}."))
            continue
        spec = SPECS.get(key)
        if spec is None:
            raise PackError(file, f"{where}.{key}", "is not a parameter a pack may set")
        unknown = set(raw) - PARAM_KEYS
        if unknown:
            raise PackError(file, f"{where}.{key}", f"unknown field {', '.join(sorted(unknown))}")
        source = _text(raw, "source", file, f"{where}.{key}.")
        if ("value" in raw) == ("unset" in raw):
            raise PackError(file, f"{where}.{key}", "needs exactly one of value and unset (with the reason)")
        if "unset" in raw:
            found[key] = Param(key, None, source, unset=_text(raw, "unset", file, f"{where}.{key}."),
                               note=str(raw.get("note", "")))
            continue
        try:
            tree = build_tree(raw["value"], spec, "value")
        except InputError as exc:
            raise PackError(file, f"{where}.{key}.{exc.field}", exc.reason) from None
        found[key] = Param(key, tree, source, note=str(raw.get("note", "")))
    return found


def _bounds(raw_list: object, file: str, where: str) -> tuple[Bound, ...]:

    if not isinstance(raw_list, list):
        raise PackError(file, where, "must be an array of tables ([[versions.bounds]])")
    out = []
    for i, raw in enumerate(raw_list):
        here = f"{where}[{i}]"
        if not isinstance(raw, dict) or raw.get("key") not in SPECS:
            raise PackError(file, f"{here}.key", f"{raw.get('key') if isinstance(raw, dict) else raw!r} is not a parameter")
        rules = [r for r in RULES if r in raw]
        if len(rules) != 1:
            raise PackError(file, here, f"needs exactly one rule of {', '.join(RULES)}")
        rule = rules[0]
        extra = {k: v for k, v in raw.items() if k not in {"key", "source", rule}}
        out.append(Bound(raw["key"], rule, raw[rule], _text(raw, "source", file, f"{here}."), extra))
    return tuple(out)


def parse_pack(data: dict, file: str) -> Pack:
    """Build a pack from parsed TOML, checking everything that needs no other pack."""
    unknown = set(data) - PACK_KEYS
    if unknown:
        raise PackError(file, ", ".join(sorted(unknown)), "unknown top-level key")
    pack_id = _text(data, "id", file, "")
    if Path(file).suffix == ".toml" and Path(file).stem != pack_id:
        raise PackError(file, "id", f"{pack_id!r} must match the file name ({Path(file).stem}.toml)")
    kind = data.get("kind")
    if kind not in ("city", "framework"):
        raise PackError(file, "kind", f"{kind!r} is not city or framework")
    follows = data.get("follows")
    if follows is not None and (kind != "city" or not isinstance(follows, str)):
        raise PackError(file, "follows", "only a city pack follows a framework, named by its id")
    raw_versions = data.get("versions")
    if not isinstance(raw_versions, list) or not raw_versions:
        raise PackError(file, "versions", "needs at least one [[versions]] table")
    versions: list[Version] = []
    inherited: dict[str, Param] = {}
    for i, raw in enumerate(raw_versions):
        where = f"versions[{i}]"
        start = _date(raw.get("from"), file, f"{where}.from")
        if versions and start <= versions[-1].start:
            raise PackError(file, f"{where}.from", f"{start} does not come after {versions[-1].start}")
        params = _params({k: v for k, v in raw.items() if k not in VERSION_KEYS}, file, where)
        merged = {**inherited, **params}
        for key, param in merged.items():
            if param.tree is not None and at_date(param.tree, start) is None:
                raise PackError(file, f"{where}.{key}", f"has no value in force on {start}, when the version starts")
        bounds = _bounds(raw.get("bounds", []), file, f"{where}.bounds")
        versions.append(Version(start, _text(raw, "source", file, f"{where}."), str(raw.get("note", "")), merged, bounds))
        inherited = merged
    if kind == "city" or any(k in versions[0].params for k in SETTLEMENT_KEYS):
        for key in SETTLEMENT_KEYS:
            if key not in versions[0].params:
                raise PackError(file, f"versions[0].{key}", "is required (give a value, or unset with the reason)")
    return Pack(
        id=pack_id, name=_text(data, "name", file, ""), short=_text(data, "short", file, ""), kind=kind,
        document=_text(data, "document", file, ""), status=_text(data, "status", file, "", required=False),
        follows=follows, versions=versions, file=file,
    )


def pack_digest(data: bytes) -> str:
    """The SHA-256 a settlement records for the pack it was settled under (hex)."""
    return hashlib.sha256(data).hexdigest()


def parse_pack_bytes(data: bytes, file: str) -> Pack:
    """A pack from a file's bytes, with their digest; PackError names the file and the key."""
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PackError(file, "", f"not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise PackError(file, "", f"cannot be read: {exc}") from None
    except RecursionError:
        raise PackError(file, "", "not valid TOML: nested too deeply") from None
    return dataclasses.replace(parse_pack(raw, file), digest=pack_digest(data))


def read_pack(path: Path) -> Pack:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PackError(str(path), "", f"cannot be read: {exc}") from None
    return parse_pack_bytes(data, str(path))


class Library:
    """The packs a desk or hub can use: those an administrator installed (kept in its database, by
    digest), any folders given (``desk quote`` and ``desk policy check`` only), and the shipped ones.

    Packs are read on first use, so a quote for one place reads one file (and its framework).
    ``installed`` is (file bytes, label) per installed pack, oldest first: the newest of an id is
    the one settled under, and every one stays findable by its digest (``by_digest``), so the hub
    re-settles an upload under the pack it was made with.
    """

    def __init__(self, dirs: list[Path] | None = None, installed: list[tuple[bytes, str]] | None = None):
        self.dirs = [*(dirs or []), shipped_dir()]
        self._packs: dict[str, Pack] = {}
        self._loading: list[str] = []  # packs being read, to refuse a loop of `follows`
        self._by_digest: dict[str, Pack] = {}
        self._installed: dict[str, tuple[bytes, str]] = {}  # digest → (bytes, label)
        self._installed_ids: dict[str, str] = {}  # pack id → digest of the newest install
        for data, label in installed or []:
            digest = pack_digest(data)
            self._installed[digest] = (data, label)
            stem = Path(label).stem
            self._installed_ids[stem] = digest

    def ids(self) -> list[str]:
        return sorted({p.stem for d in self.dirs if d.is_dir() for p in d.glob("*.toml")} | set(self._installed_ids))

    def path_of(self, pack_id: str) -> Path | None:
        return next((d / f"{pack_id}.toml" for d in self.dirs if (d / f"{pack_id}.toml").is_file()), None)

    def get(self, pack_id: str) -> Pack:
        pack = self._packs.get(pack_id)
        if pack is None:
            plain = isinstance(pack_id, str) and len(pack_id) <= 64 and pack_id.replace("_", "").replace("-", "").isalnum()
            if plain and pack_id in self._loading:  # a city that follows itself, or two that follow each other
                raise PackError(str(self.path_of(pack_id) or pack_id), "follows", "the packs follow each other in a"
                                f" loop: {' → '.join([*self._loading, pack_id])}")
            self._loading.append(pack_id)
            try:
                if pack_id in self._installed_ids:
                    pack = self._load_installed(self._installed_ids[pack_id])
                else:
                    path = self.path_of(pack_id) if plain else None
                    if path is None:
                        shown = repr(pack_id) if len(repr(pack_id)) <= 40 else repr(pack_id)[:39] + "…"
                        raise PolicyError(f"unknown policy {shown} (known: {', '.join(self.ids())})")
                    pack = self.check(read_pack(path))
            finally:
                self._loading.remove(pack_id)
            self._packs[pack_id] = pack
            self._by_digest.setdefault(pack.digest, pack)
        return pack

    def _load_installed(self, digest: str) -> Pack:
        data, label = self._installed[digest]
        return self.check(parse_pack_bytes(data, label))

    def by_digest(self, digest: str) -> Pack | None:
        """The pack whose file has this SHA-256, among the installed and the shipped ones (and the
        folders given); None when there is none: the hub refuses a settlement under it."""
        pack = self._by_digest.get(digest)
        if pack is not None:
            return pack
        if digest in self._installed:
            pack = self._load_installed(digest)
        else:
            for pack_id in self.ids():
                path = self.path_of(pack_id)
                if path is not None and pack_digest(path.read_bytes()) == digest:
                    pack = self.check(read_pack(path))
                    break
        if pack is not None:
            self._by_digest[digest] = pack
        return pack

    def check(self, pack: Pack) -> Pack:
        """Check a pack against its framework (a city) or its own bounds (a framework's template)."""

        if pack.follows:
            try:
                framework = self.get(pack.follows)
            except PolicyError as exc:
                raise PackError(pack.file, "follows", str(exc)) from None
            if framework.kind != "framework":
                raise PackError(pack.file, "follows", f"{pack.follows} is not a framework pack")
            check_against(pack, framework)
        elif pack.kind == "framework" and pack.settles:
            check_against(pack, pack)
        if pack.kind == "city" and any(v.bounds for v in pack.versions):
            check_against(pack, pack)
        self._check_shadowed(pack)
        return pack

    @staticmethod
    def _check_shadowed(pack: Pack) -> None:
        """A local pack filling in a shipped one (same id) keeps the shipped pack's bounds (南昌 四（二）2),
        so an administrator's copy cannot drop them."""
        from desk.policy.bounds import check_against

        shipped_path = shipped_dir() / f"{pack.id}.toml"
        if not shipped_path.is_file() or not pack.file or Path(pack.file).resolve() == shipped_path.resolve():
            return
        shipped = read_pack(shipped_path)
        if shipped.kind == "city" and any(v.bounds for v in shipped.versions):
            check_against(pack, shipped)
