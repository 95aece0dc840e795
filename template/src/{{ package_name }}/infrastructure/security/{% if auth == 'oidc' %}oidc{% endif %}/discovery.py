"""An issuer's OpenID configuration, read once at start-up (OpenID Connect Discovery 1.0)."""

from dataclasses import dataclass

import httpx

from ....kernel.errors import InfrastructureError

UNREACHABLE = (
    "The identity provider {issuer} is not reachable ({reason}); start it, or correct "
    "the issuer in {env_var}."
)
NOT_AN_ISSUER = "{issuer} is not an OpenID issuer: {problem}; correct the issuer in {env_var}."


@dataclass(frozen=True, slots=True)
class ProviderMetadata:
    """What the service needs of a provider's discovery document."""

    issuer: str
    jwks_uri: str
    algorithms: frozenset[str]
    """The signing algorithms the provider advertises; empty when it names none."""
    introspection_endpoint: str | None


def _unreachable(issuer: str, error: Exception, env_var: str) -> InfrastructureError:
    return InfrastructureError(
        UNREACHABLE, issuer=issuer, reason=type(error).__name__, env_var=env_var
    )


async def discover(http: httpx.AsyncClient, issuer: str, env_var: str) -> ProviderMetadata:
    """Read ``issuer``'s discovery document; raise a one-sentence error when it is wrong.

    The document must name ``issuer`` exactly (OpenID Connect Discovery §4.3): a token's
    ``iss`` is compared with it, so a mismatch would refuse every token later anyway.
    """
    url = f"{issuer.rstrip('/')}/.well-known/openid-configuration"
    try:
        response = await http.get(url)
    except httpx.HTTPError as error:
        raise _unreachable(issuer, error, env_var) from None
    problem = None
    document: object = None
    if response.status_code != httpx.codes.OK:
        problem = f"{url} answered HTTP {response.status_code}"
    else:
        try:
            document = response.json()
        except ValueError:
            problem = f"{url} is not JSON"
    if problem is None and not isinstance(document, dict):
        problem = f"{url} is not a JSON object"
    if isinstance(document, dict) and problem is None:
        if document.get("issuer") != issuer:
            problem = f"its discovery document names the issuer {document.get('issuer')!r}"
        elif not isinstance(document.get("jwks_uri"), str):
            problem = "its discovery document has no jwks_uri"
    if problem is not None or not isinstance(document, dict):
        raise InfrastructureError(NOT_AN_ISSUER, issuer=issuer, problem=problem, env_var=env_var)
    advertised = document.get("id_token_signing_alg_values_supported")
    introspection = document.get("introspection_endpoint")
    return ProviderMetadata(
        issuer=issuer,
        jwks_uri=str(document["jwks_uri"]),
        algorithms=frozenset(
            name for name in advertised or () if isinstance(name, str) and name != "none"
        ),
        introspection_endpoint=introspection if isinstance(introspection, str) else None,
    )
