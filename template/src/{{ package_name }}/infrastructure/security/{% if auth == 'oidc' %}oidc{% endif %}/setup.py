"""Opens the connections to the configured identity providers and builds the authenticator."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx

from ....application.health import Check, HealthCheck
from ....application.security.claim_mapping import ClaimMapping
from ....kernel.errors import InfrastructureError
from ....settings import ENV_PREFIX, OidcIssuerSettings, OidcSettings
from ...observability.tracing import Tracing
from .authenticator import OidcTokenAuthenticator, Realm
from .discovery import UNREACHABLE, discover
from .introspection import Introspection
from .key_set import RemoteKeySet

ISSUERS_ENV_VAR = f"{ENV_PREFIX}OIDC__ISSUERS"
NO_ALGORITHM = (
    "{issuer} advertises none of the accepted signature algorithms ({accepted}); it offers "
    "{advertised}."
)


@dataclass(frozen=True, slots=True)
class OpenIdProviders:
    """The authenticator of the realms' tokens and one readiness check per realm."""

    authenticator: OidcTokenAuthenticator
    checks: tuple[Check, ...]


@asynccontextmanager
async def open_oidc(
    settings: OidcSettings, check_timeout: float, tracing: Tracing | None = None
) -> AsyncIterator[OpenIdProviders]:
    """Discover every issuer and read its keys before serving; close the client afterwards.

    Raises ``InfrastructureError`` with one sentence naming the issuer when a provider
    cannot be reached or its discovery document does not match the configured issuer.
    With tracing on, each call to a provider is a client span carrying ``traceparent``.
    """
    async with httpx.AsyncClient(timeout=settings.http_timeout_seconds) as http:
        if tracing is not None and tracing.enabled:
            # Imported only when tracing, like the rest of the SDK.
            from opentelemetry.instrumentation.httpx import (  # noqa: PLC0415
                HTTPXClientInstrumentor,
            )

            HTTPXClientInstrumentor.instrument_client(http, tracer_provider=tracing.provider)
        realms = await asyncio.gather(*(_realm(http, settings, each) for each in settings.issuers))
        checks = tuple(
            HealthCheck(
                f"identity_provider:{realm.tenant}", realm.keys, RemoteKeySet.probe, check_timeout
            )
            for realm in realms
        )
        authenticator = OidcTokenAuthenticator(
            realms,
            leeway=settings.clock_skew_seconds,
            force_introspection=settings.force_introspection,
        )
        yield OpenIdProviders(authenticator, checks)


async def _realm(
    http: httpx.AsyncClient, settings: OidcSettings, issuer: OidcIssuerSettings
) -> Realm:
    metadata = await discover(http, issuer.issuer, ISSUERS_ENV_VAR)
    keys = RemoteKeySet(
        http,
        metadata.jwks_uri,
        ttl=settings.jwks_ttl_seconds,
        min_refetch=settings.jwks_min_refetch_seconds,
        max_stale=settings.jwks_max_stale_seconds,
    )
    try:
        await keys.load()
    except (httpx.HTTPError, ValueError) as error:
        raise InfrastructureError(
            UNREACHABLE, issuer=issuer.issuer, reason=type(error).__name__, env_var=ISSUERS_ENV_VAR
        ) from None
    # A provider naming no algorithm is held to the accepted ones; the key's own still rules.
    accepted = frozenset(settings.algorithms)
    algorithms = accepted & metadata.algorithms if metadata.algorithms else accepted
    if not algorithms:
        raise InfrastructureError(
            NO_ALGORITHM,
            issuer=issuer.issuer,
            accepted=", ".join(sorted(accepted)),
            advertised=", ".join(sorted(metadata.algorithms)),
        )
    introspection = None
    if metadata.introspection_endpoint and issuer.client_secret is not None:
        introspection = Introspection(
            http,
            metadata.introspection_endpoint,
            (issuer.client_id or issuer.audience, issuer.client_secret.get_secret_value()),
            cache_seconds=settings.introspection_cache_seconds,
        )
    return Realm(
        issuer=issuer.issuer,
        audience=issuer.audience,
        tenant=issuer.tenant_name,
        algorithms=algorithms,
        keys=keys,
        mapping=ClaimMapping(
            role_claims=settings.role_claims,
            scope_claim=settings.scope_claim,
            subject_claims=settings.subject_claims,
            client_id=issuer.resource_client,
        ),
        introspection=introspection,
    )
