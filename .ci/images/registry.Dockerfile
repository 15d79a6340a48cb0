# CI only: a stand-in for confluentinc/cp-schema-registry (no registry serves it here): the project's registry runner
# (devstack/registry-runner, Apicurio Registry in memory) behind nginx, which maps Confluent's paths on :8081 to the
# runner's Confluent-compatible API. The context holds the runner jar, its lib/, run and nginx.conf.
ARG BASE=localhost/jdk17-maven
FROM ${BASE}
COPY . /opt/registry
EXPOSE 8081
CMD ["/opt/registry/run"]
