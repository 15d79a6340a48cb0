# CI only: the Dockerfiles' build stage on a base made here — the project's local Maven repository copied in, so that
# the image builds run with --network none (no registry serves the public maven image here).
ARG BASE=localhost/jdk17-maven
FROM ${BASE}
COPY repository /root/.m2/repository
