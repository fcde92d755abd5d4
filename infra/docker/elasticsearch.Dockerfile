# syntax=docker/dockerfile:1
#
# Elasticsearch for Akhbar: the official image plus Akhbar's analysis plugin
# (infra/elasticsearch/akhbar-analysis, `akhbar_*` token filters the index template uses).
#
#   docker build -f infra/docker/elasticsearch.Dockerfile -t akhbar/elasticsearch:9.5.3 .
#
# A stable plugin must be built against the exact Elasticsearch it runs in, so the JDK stage
# compiles it against the jars of the very image it is installed into. Keep ES_VERSION equal to
# the version pinned in infra/local/elasticsearch.sh and the @elastic/elasticsearch client.

ARG ES_VERSION=9.5.3
ARG JDK_IMAGE=eclipse-temurin:21-jdk

FROM docker.elastic.co/elasticsearch/elasticsearch:${ES_VERSION} AS elasticsearch

# ---- plugin: javac against the image's own Elasticsearch and Lucene jars ------------------------
FROM ${JDK_IMAGE} AS plugin
COPY --from=elasticsearch /usr/share/elasticsearch/lib /es/lib
COPY infra/elasticsearch/akhbar-analysis /build/akhbar-analysis
RUN bash /build/akhbar-analysis/build.sh /es /out/akhbar-analysis.zip

# ---- the server ---------------------------------------------------------------------------------
FROM elasticsearch
# The official image runs as the `elasticsearch` user (uid 1000), which owns plugins/; the plugin
# zip is bind-mounted for the install, so it leaves no layer behind. snapshots/ is the snapshot
# repository path (path.repo); created here so a volume mounted on it is writable by that user.
RUN --mount=type=bind,from=plugin,source=/out,target=/tmp/akhbar-plugin \
    bin/elasticsearch-plugin install --batch file:///tmp/akhbar-plugin/akhbar-analysis.zip \
    && mkdir -p /usr/share/elasticsearch/snapshots
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=12 \
    CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:9200/_cluster/health?wait_for_status=yellow&timeout=4s"]
