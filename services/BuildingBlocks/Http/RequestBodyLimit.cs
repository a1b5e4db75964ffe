using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.Http;

/// <summary>Endpoint metadata: this endpoint accepts a larger body than the service's limit (a bulk upload).</summary>
public sealed record RequestBodyLimitMetadata(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

/// <summary>
/// One request size limit per service: <c>Kestrel:Limits:MaxRequestBodySize</c> (bytes, default 1 MiB),
/// which Kestrel enforces while reading. This middleware enforces the same limit where Kestrel does not
/// (in-process test servers, other hosts) and answers with problem details: a declared Content-Length
/// over the limit is refused at once with 413, before any handler runs; a body of unknown length is
/// cut off at the limit while it is read, with the same 413. An endpoint that needs more (a bulk
/// import) says so with <see cref="WithRequestBodyLimit{TBuilder}"/>.
/// </summary>
public static class RequestBodyLimit
{
    public const string ConfigurationKey = "Kestrel:Limits:MaxRequestBodySize";
    public const long DefaultBytes = 1024 * 1024;

    public static long ConfiguredBytes(IConfiguration configuration) =>
        configuration.GetValue<long?>(ConfigurationKey) is { } bytes and > 0 ? bytes : DefaultBytes;

    public static WebApplicationBuilder AddRequestBodyLimit(this WebApplicationBuilder builder)
    {
        var limit = ConfiguredBytes(builder.Configuration);
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = limit);
        return builder;
    }

    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        var serviceLimit = ConfiguredBytes(app.Configuration);
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? serviceLimit;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
            if (context.Request.ContentLength > limit)
            {
                await WriteTooLargeAsync(context, limit);
                return;
            }
            if (context.Request.ContentLength is null && context.Request.Body is not LimitedStream)
                context.Request.Body = new LimitedStream(context.Request.Body, limit);
            await next(context);
        });
        return app;
    }

    /// <summary>Lets this endpoint accept bodies up to <paramref name="bytes"/> instead of the service's limit.</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder endpoint, long bytes) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new RequestBodyLimitMetadata(bytes));

    private static ValueTask WriteTooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
                Detail = $"This endpoint accepts at most {limit} bytes.",
                Type = Problems.TypeBase + "request-too-large",
                Extensions = { ["code"] = "request-too-large", ["maxBytes"] = limit },
            },
        });
    }

    /// <summary>A request body of unknown length (chunked) that fails the read once it passes the limit;
    /// the exception handler turns the BadHttpRequestException into 413 problem details, as Kestrel's own does.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Count(await inner.ReadAsync(buffer, ct));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw new Microsoft.AspNetCore.Http.BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
