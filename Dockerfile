# The portal's image: built with the SDK, run on the ASP.NET Core runtime only (no SDK, no compiler in production),
# as the image's non-root "app" user, with the PDF fonts inside. Checked by tests/DisclosurePortal.Web.Tests/
# DeploymentFilesTests.cs (no Docker engine on the build machines). Build: docker compose build.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first: the package restore stays cached until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/DisclosurePortal.Domain/DisclosurePortal.Domain.csproj src/DisclosurePortal.Domain/
COPY src/DisclosurePortal.Data/DisclosurePortal.Data.csproj src/DisclosurePortal.Data/
COPY src/DisclosurePortal.Pdf/DisclosurePortal.Pdf.csproj src/DisclosurePortal.Pdf/
COPY src/DisclosurePortal.Readers/DisclosurePortal.Readers.csproj src/DisclosurePortal.Readers/
COPY src/DisclosurePortal.Web/DisclosurePortal.Web.csproj src/DisclosurePortal.Web/
# ReadyToRun (precompiled for the image's platform, still framework-dependent): a fresh process serves its first
# pages and renders its first official PDF without waiting for the JIT. The restore must name the runtime for the
# R2R compiler pack.
RUN dotnet restore src/DisclosurePortal.Web/DisclosurePortal.Web.csproj --use-current-runtime -p:PublishReadyToRun=true
COPY src/ src/
RUN dotnet publish src/DisclosurePortal.Web/DisclosurePortal.Web.csproj -c Release --no-restore \
      --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o /app/publish

# The PDF font (docs/adr/0002-pdf-engine.md): the same npm package and SHA-256 sums as scripts/lib.sh.
FROM node:20-bookworm-slim AS fonts
WORKDIR /f
RUN npm pack --silent @expo-google-fonts/noto-serif-sc@0.4.3 && tar -xzf ./*.tgz \
 && echo "c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742  package/400Regular/NotoSerifSC_400Regular.ttf" | sha256sum -c \
 && echo "9c6a2ba736e4b499c84f65ce366bd3625c0401885fd3e585ace50fb738b96ff6  package/700Bold/NotoSerifSC_700Bold.ttf" | sha256sum -c

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app/publish .
COPY --from=fonts /f/package/400Regular/NotoSerifSC_400Regular.ttf /f/package/700Bold/NotoSerifSC_700Bold.ttf /app/fonts/
# The log volume is mounted here; created owned by the app user so that a fresh named volume inherits the owner.
RUN mkdir -p /app/logs && chown "$APP_UID" /app/logs
ENV Pdf__FontDirectory=/app/fonts \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# The non-root user the .NET images ship (uid 1654): a flaw in the app cannot change the image or bind low ports.
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "DisclosurePortal.Web.dll"]
