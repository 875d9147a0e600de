"""Query limits: what one GraphQL request may ask of the server (``docs/limits.md``).

Each limit has a setting (:class:`core.config.Settings`) and every refusal is a
:class:`core.errors.LimitExceeded` — a stable ``extensions.code``, ``extensions.limit``
naming the limit and its value, a message in both languages — raised before
anything executes, so a refused mutation changes nothing:

- **tokens** (``QUERY_TOO_LONG``): graphql-core stops parsing a document with more
  than ``CETTAR_MAX_TOKENS`` lexical tokens, or as many comments
  (:class:`LimitedParserCache`, which also caches parsed documents);
- **depth**, **aliases**, **directives** (``QUERY_TOO_DEEP``, ``TOO_MANY_ALIASES``,
  ``TOO_MANY_DIRECTIVES``): validation rules over each operation with its fragments
  expanded (:class:`OperationLimitsRule`); introspection (``__schema``, ``__type``)
  is left out of the depth and bounded by graphql-core's
  :class:`~graphql.validation.MaxIntrospectionDepthRule` instead. Validation results
  are cached with the document (strawberry's ``ValidationCache``): the rule classes
  are made once per schema, so the cache key does not change between requests;
- a NUL character (``\\u0000``) in a string literal is refused by
  :class:`NulCharacterRule` (``VALIDATION_FAILED`` naming the argument), one in a
  variable by :func:`refuse_variables`: PostgreSQL cannot store it;
- **cost** (``QUERY_TOO_COSTLY``): :func:`refuse_costly`, once the variables are
  known (page sizes are often variables), before execution;
- **timeout** (``QUERY_TIMEOUT``): :func:`with_timeout` stops an operation's
  execution; its unit of work then rolls back;
- **batches** (``BATCH_NOT_ALLOWED``, ``BATCH_TOO_LARGE``) and the **body size**
  (``PAYLOAD_TOO_LARGE``) are refused by the HTTP view (:mod:`schema.http`) and
  :class:`core.app.BodySizeLimitMiddleware`; the **page size** by
  :func:`core.pagination.keyset_page` (``PAGE_SIZE_EXCEEDED``).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cross_web import HTTPException
from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    ValidationContext,
    ValidationRule,
    ValueNode,
    VariableDefinitionNode,
    VariableNode,
    get_named_type,
    parse,
)
from graphql.validation import ASTValidationRule, MaxIntrospectionDepthRule
from graphql.validation.rules.max_introspection_depth_rule import MAX_LIST_DEPTH
from strawberry.extensions import SchemaExtension

from core.config import Settings
from core.errors import CettarError, LimitExceeded

#: Parsed documents kept (least recently used first out), shared by every schema.
PARSE_CACHE_SIZE = 512
#: The items a list of objects without paging arguments is assumed to hold, for the cost.
LIST_SIZE_ESTIMATE = 10
#: What an introspection root field costs, its subtree included (bounded by graphql-core's introspection depth rule).
INTROSPECTION_COST = {"__schema": 1000, "__type": 100}
#: The parser's limit errors: "Document contains more than 5000 tokens." / "… comments."
_PARSER_LIMIT = re.compile(r"contains more than (\d+) (tokens|comments)")
_NUL = "\x00"


@dataclass(frozen=True)
class Limits:
    """The limits of one schema, from the settings."""

    depth: int
    aliases: int
    tokens: int
    directives: int
    cost: int
    default_page_size: int
    max_page_size: int
    timeout_seconds: float

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            depth=settings.max_query_depth,
            aliases=settings.max_aliases,
            tokens=settings.max_tokens,
            directives=settings.max_directives,
            cost=settings.max_query_cost,
            default_page_size=min(settings.default_page_size, settings.max_page_size),
            max_page_size=settings.max_page_size,
            timeout_seconds=settings.query_timeout_seconds,
        )


def refusal(error: CettarError, nodes: Any = None) -> GraphQLError:
    """``error`` as the GraphQL error that carries it (:mod:`schema.errors` localises it)."""
    return GraphQLError(error.message("en"), nodes, original_error=error)


# --- parsing: the token limit, cached ---------------------------------------------------------


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parse(query: str, max_tokens: int) -> DocumentNode:
    return parse(query, max_lexical_tokens=max_tokens, max_comments=max_tokens)


class LimitedParserCache(SchemaExtension):
    """Parses with at most ``tokens`` lexical tokens (and as many comments), keeping the
    last :data:`PARSE_CACHE_SIZE` documents; over the limit: ``QUERY_TOO_LONG``."""

    def __init__(self, max_tokens: int) -> None:
        super().__init__()
        self.max_tokens = max_tokens

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        try:
            context.graphql_document = _parse(context.query or "", self.max_tokens)
        except GraphQLError as exc:
            found = _PARSER_LIMIT.search(exc.message)
            if found is None:
                raise
            comments = found.group(2) == "comments"
            raise refusal(
                LimitExceeded(
                    "QUERY_TOO_LONG",
                    limit="comments" if comments else "tokens",
                    max=self.max_tokens,
                    what_id="komentar" if comments else "token",
                    what_en="comments" if comments else "tokens",
                )
            ) from None
        yield


# --- validation: depth, aliases, directives, NUL in literals ------------------------------------


@dataclass
class _Measure:
    depth: int = 0
    aliases: int = 0
    directives: int = 0


class _OperationMeasurer:
    """Depth, aliases and directives of operations, fragments expanded (each fragment measured once)."""

    def __init__(self, get_fragment: Callable[[str], FragmentDefinitionNode | None]) -> None:
        self.get_fragment = get_fragment
        self.fragments: dict[str, _Measure] = {}
        self.entered: set[str] = set()

    def operation(self, node: OperationDefinitionNode) -> _Measure:
        measure = self.selections(node.selection_set)
        measure.directives += len(node.directives or ()) + sum(
            len(v.directives or ()) for v in node.variable_definitions or ()
        )
        return measure

    def selections(self, selection_set: SelectionSetNode | None, counted_depth: bool = True) -> _Measure:
        total = _Measure()
        for selection in selection_set.selections if selection_set else ():
            total.directives += len(selection.directives or ())
            if isinstance(selection, FieldNode):
                introspection = selection.name.value in INTROSPECTION_COST
                inner = self.selections(selection.selection_set, counted_depth and not introspection)
                total.aliases += inner.aliases + (1 if selection.alias else 0)
                total.directives += inner.directives
                if counted_depth and not introspection:
                    total.depth = max(total.depth, 1 + inner.depth)
                continue
            if isinstance(selection, InlineFragmentNode):
                inner = self.selections(selection.selection_set, counted_depth)
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value)
                if not counted_depth:
                    inner = _Measure(0, inner.aliases, inner.directives)
            else:  # pragma: no cover - no other selection kinds
                continue
            total.aliases += inner.aliases
            total.directives += inner.directives
            total.depth = max(total.depth, inner.depth)
        return total

    def fragment(self, name: str) -> _Measure:
        if name in self.fragments:
            return self.fragments[name]
        fragment = self.get_fragment(name)
        if fragment is None or name in self.entered:  # unknown or cyclic: other rules report it
            return _Measure()
        self.entered.add(name)
        measure = self.selections(fragment.selection_set)
        measure.directives += len(fragment.directives or ())
        self.entered.discard(name)
        self.fragments[name] = measure
        return measure


def operation_limits_rule(limits: Limits) -> type[ValidationRule]:
    """The validation rule for depth, aliases and directives under ``limits`` (made once per schema)."""

    class OperationLimitsRule(ValidationRule):
        """Refuses an operation deeper than ``depth``, with more than ``aliases`` aliases or
        ``directives`` directives (its fragments expanded where spread)."""

        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.measurer = _OperationMeasurer(context.get_fragment)

        def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
            try:
                measure = self.measurer.operation(node)
            except RecursionError:
                measure = _Measure(depth=limits.depth + 1)
            checks = (
                ("QUERY_TOO_DEEP", "depth", measure.depth, limits.depth),
                ("TOO_MANY_ALIASES", "aliases", measure.aliases, limits.aliases),
                ("TOO_MANY_DIRECTIVES", "directives", measure.directives, limits.directives),
            )
            for code, name, found, maximum in checks:
                if found > maximum:
                    self.report_error(refusal(LimitExceeded(code, limit=name, max=maximum, found=found), node))

    return OperationLimitsRule


class IntrospectionDepthRule(MaxIntrospectionDepthRule):
    """graphql-core's bound on nested introspection lists, refused as ``QUERY_TOO_DEEP``."""

    def report_error(self, error: GraphQLError) -> None:
        super().report_error(
            refusal(
                LimitExceeded(
                    "QUERY_TOO_DEEP",
                    limit="introspectionDepth",
                    max=MAX_LIST_DEPTH,
                    message_id=f"Introspeksi terlalu dalam: paling banyak {MAX_LIST_DEPTH} daftar bertingkat.",
                    message_en=f"The introspection is too deep: at most {MAX_LIST_DEPTH} nested lists.",
                ),
                error.nodes,
            )
        )


NUL_MESSAGES = {
    "message_id": "Teks tidak boleh berisi karakter NUL (\\u0000).",
    "message_en": "Text may not contain the NUL character (\\u0000).",
}


def nul_refusal(path: str, nodes: Any = None) -> GraphQLError:
    """``VALIDATION_FAILED`` for a NUL character at ``path`` (``input.name``, ``$input.name``)."""
    return refusal(CettarError("VALIDATION_FAILED", field=path, **NUL_MESSAGES), nodes)


def _nul_in_literal(value: ValueNode, path: str) -> str | None:
    """The path of the first string in a literal that holds a NUL character."""
    stack: list[tuple[ValueNode, str]] = [(value, path)]
    while stack:
        node, at = stack.pop()
        if isinstance(node, StringValueNode) and _NUL in node.value:
            return at
        if isinstance(node, ListValueNode):
            stack.extend((item, f"{at}.{index}") for index, item in reversed(list(enumerate(node.values))))
        elif isinstance(node, ObjectValueNode):
            stack.extend((f.value, f"{at}.{f.name.value}") for f in reversed(node.fields))
    return None


class NulCharacterRule(ValidationRule):
    """Refuses a string literal (an argument or a variable's default) holding a NUL character."""

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        path = _nul_in_literal(node.value, node.name.value)
        if path is not None:
            self.report_error(nul_refusal(path, node))

    def enter_variable_definition(self, node: VariableDefinitionNode, *_args: Any) -> None:
        if node.default_value is not None:
            path = _nul_in_literal(node.default_value, node.variable.name.value)
            if path is not None:
                self.report_error(nul_refusal(path, node))


class LimitRules(SchemaExtension):
    """Adds the limit rules to an operation's validation, in place of graphql-core's own
    introspection depth rule (one of its specified rules) :class:`IntrospectionDepthRule`."""

    def __init__(self, rules: tuple[type[ASTValidationRule], ...]) -> None:
        super().__init__()
        self.rules = rules

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        kept = tuple(rule for rule in context.validation_rules if rule is not MaxIntrospectionDepthRule)
        context.validation_rules = kept + self.rules
        yield


def validation_rules(limits: Limits) -> tuple[type[ASTValidationRule], ...]:
    return (operation_limits_rule(limits), IntrospectionDepthRule, NulCharacterRule)


# --- before execution: NUL in variables, cost ------------------------------------------------------


def nul_in_variables(variables: Mapping[str, Any] | None) -> str | None:
    """The path (``input.name``) of the first string in the variables (keys included) holding a NUL."""
    stack: list[tuple[Any, str]] = [(value, str(name)) for name, value in (variables or {}).items()]
    while stack:
        value, at = stack.pop()
        if isinstance(value, str):
            if _NUL in value:
                return at
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if isinstance(key, str) and _NUL in key:
                    return at
                stack.append((item, f"{at}.{key}"))
        elif isinstance(value, list | tuple):
            stack.extend((item, f"{at}.{index}") for index, item in enumerate(value))
    return None


def _is_connection(named: Any) -> bool:
    return isinstance(named, GraphQLObjectType) and "edges" in named.fields and "pageInfo" in named.fields


class _CostCounter:
    """The cost of an operation: the objects it may fetch. A field returning an object costs 1
    plus what is selected in it; a list of objects, that once per item it may hold — its page size
    (``first``/``last``, else the default page size, at most the maximum) for a connection's
    ``edges``/``nodes``, else :data:`LIST_SIZE_ESTIMATE`. Scalars and enums come with their object
    and cost nothing. Fragments are costed once per page size they are spread under."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        limits: Limits,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.limits = limits
        self.memo: dict[tuple[str, int | None], int] = {}
        self.entered: set[str] = set()

    def selections(self, selection_set: SelectionSetNode | None, parent: Any, page: int | None) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, page)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selections(selection.selection_set, inner, page)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value, page)
        return total

    def fragment(self, name: str, page: int | None) -> int:
        key = (name, page)
        if key in self.memo:
            return self.memo[key]
        fragment = self.fragments.get(name)
        if fragment is None or name in self.entered:
            return 0
        self.entered.add(name)
        cost = self.selections(fragment.selection_set, self.schema.get_type(fragment.type_condition.name.value), page)
        self.entered.discard(name)
        self.memo[key] = cost
        return cost

    def field(self, node: FieldNode, parent: Any, page: int | None) -> int:
        name = node.name.value
        if name in INTROSPECTION_COST:
            return INTROSPECTION_COST[name]
        if node.selection_set is None or not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 0  # a scalar or enum (or, refused by validation already, a field not in the schema)
        definition = parent.fields.get(name)
        if definition is None:
            return 0
        factor = 1
        field_type: GraphQLOutputType = definition.type
        first_list = True
        while isinstance(field_type, GraphQLNonNull | GraphQLList):
            if isinstance(field_type, GraphQLList):
                factor *= page if (page is not None and first_list) else LIST_SIZE_ESTIMATE
                first_list = False
            field_type = field_type.of_type
        named = get_named_type(definition.type)
        inner_page = self.page_size(node, definition.args) if _is_connection(named) else None
        return factor * (1 + self.selections(node.selection_set, named, inner_page))

    def page_size(self, node: FieldNode, arguments: Mapping[str, Any]) -> int:
        given = {a.name.value: a.value for a in node.arguments or ()}
        sizes: list[int] = []
        for name in ("first", "last"):
            value: Any = None
            if name in given:
                literal = given[name]
                if isinstance(literal, IntValueNode):
                    value = int(literal.value)
                elif isinstance(literal, VariableNode):
                    value = self.variables.get(literal.name.value)
            elif name in arguments:
                value = arguments[name].default_value
            if isinstance(value, int) and not isinstance(value, bool):
                sizes.append(value)
        size = max(sizes) if sizes else self.limits.default_page_size
        return max(1, min(size, self.limits.max_page_size))


def operation_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    limits: Limits,
) -> int:
    """The estimated cost of ``operation`` (see :class:`_CostCounter`)."""
    root = schema.get_root_type(operation.operation)
    return _CostCounter(schema, fragments, variables, limits).selections(operation.selection_set, root, None)


def limits_of(context: Any) -> Limits | None:
    """The limits of the runtime serving ``context`` (``None`` outside a request)."""
    runtime = getattr(context, "runtime", None)
    if runtime is None:
        return None
    cached = runtime.state.get("query_limits")
    if not isinstance(cached, Limits):
        cached = Limits.from_settings(runtime.settings)
        runtime.state["query_limits"] = cached
    return cached


def refuse_variables(raw_variables: Mapping[str, Any] | None) -> list[GraphQLError]:
    """``VALIDATION_FAILED`` for a NUL character anywhere in the variables as sent (before they
    are coerced, so that an unknown input field holding one is refused the same way)."""
    path = nul_in_variables(raw_variables)
    return [] if path is None else [nul_refusal(path)]


def refuse_costly(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    limits: Limits,
) -> list[GraphQLError]:
    """``QUERY_TOO_COSTLY`` for an operation, its variables coerced, over the cost limit."""
    try:
        cost = operation_cost(schema, operation, fragments, variables, limits)
    except RecursionError:
        cost = limits.cost + 1
    if cost > limits.cost:
        return [refusal(LimitExceeded("QUERY_TOO_COSTLY", limit="cost", max=limits.cost, found=cost), operation)]
    return []


async def with_timeout(awaitable: Awaitable[Any], seconds: float, on_timeout: Callable[[GraphQLError], Any]) -> Any:
    """Await an operation's execution for at most ``seconds``; then what ``on_timeout`` returns
    for the ``QUERY_TIMEOUT`` error (the execution is cancelled)."""
    try:
        async with asyncio.timeout(seconds):
            return await awaitable
    except TimeoutError:
        return on_timeout(refusal(LimitExceeded("QUERY_TIMEOUT", limit="timeoutSeconds", max=seconds)))


# --- HTTP: batches -------------------------------------------------------------------------------


class RequestRefused(HTTPException):
    """An HTTP request the view refuses with a typed error (not ``BAD_REQUEST``)."""

    def __init__(self, status_code: int, error: CettarError) -> None:
        super().__init__(status_code, error.message("en"))
        self.error = error


def check_batch(operations: Sequence[Any], settings: Settings) -> None:
    """Refuse a batch (a JSON array of operations) unless batching is on and it is within the cap."""
    if not settings.batching:
        raise RequestRefused(400, LimitExceeded("BATCH_NOT_ALLOWED", limit="batchOperations", max=0))
    if len(operations) > settings.max_batch_operations:
        raise RequestRefused(
            400,
            LimitExceeded(
                "BATCH_TOO_LARGE", limit="batchOperations", max=settings.max_batch_operations, found=len(operations)
            ),
        )
    if not all(isinstance(operation, Mapping) for operation in operations):
        raise HTTPException(400, "Each operation of a batch must be an object.")


# --- assembly ----------------------------------------------------------------------------------


def limit_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """The schema extensions that parse within the token limit and validate the other limits.

    The rule classes are made here, once per schema: strawberry's ``ValidationCache`` keys its
    entries on them, so a validated document stays cached across requests.
    """
    limits = Limits.from_settings(settings)
    rules = validation_rules(limits)
    return [lambda: LimitedParserCache(limits.tokens), lambda: LimitRules(rules)]
