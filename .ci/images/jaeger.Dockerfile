# CI only: a stand-in for jaegertracing/jaeger (no registry serves it here): OTLP/HTTP trace export on :4318 and
# Jaeger's /api/services on :16686, from one Java source file run by the JDK's source launcher (jaeger/OtlpStandIn.java).
ARG BASE=localhost/jdk17-maven
FROM ${BASE}
COPY jaeger/OtlpStandIn.java /opt/jaeger/OtlpStandIn.java
USER nobody
EXPOSE 4318 16686
CMD ["java", "/opt/jaeger/OtlpStandIn.java"]
