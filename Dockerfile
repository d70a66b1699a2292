# First draft: multi-stage build, fonts fetched and hash-checked at build time, non-root runtime user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/DisclosurePortal.Web -c Release -o /app/publish

FROM node:20-bookworm-slim AS fonts
WORKDIR /f
COPY scripts/lib.sh /f/lib.sh
RUN npm pack @expo-google-fonts/noto-serif-sc@0.4.3 && tar -xzf *.tgz \
 && echo "c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742  package/400Regular/NotoSerifSC_400Regular.ttf" | sha256sum -c \
 && echo "9c6a2ba736e4b499c84f65ce366bd3625c0401885fd3e585ace50fb738b96ff6  package/700Bold/NotoSerifSC_700Bold.ttf" | sha256sum -c

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app/publish .
COPY --from=fonts /f/package/400Regular/NotoSerifSC_400Regular.ttf /f/package/700Bold/NotoSerifSC_700Bold.ttf /app/fonts/
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "DisclosurePortal.Web.dll"]
