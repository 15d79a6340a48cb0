# CI only: a stand-in for prom/prometheus (no registry serves it here): Debian's Prometheus package (in the base
# image), started with prom/prometheus's command line: the config in /etc/prometheus, the data in /prometheus.
ARG BASE=localhost/jdk17-maven
FROM ${BASE}
RUN mkdir -p /prometheus && chown nobody:nogroup /prometheus
USER nobody
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
