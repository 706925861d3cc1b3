using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ModelConfig.Server
{
    /// <summary>A request the API answers with an RFC 7807 problem; <see cref="Field"/> names the input at fault.</summary>
    public sealed class ApiException : Exception
    {
        public ApiException(int status, string type, string title, string detail, string? field = null) : base(detail)
        {
            Status = status;
            Type = type;
            Title = title;
            Field = field;
        }

        public int Status { get; }
        public string Type { get; }
        public string Title { get; }
        public string? Field { get; }
    }

    /// <summary>Every problem the server returns, in one place, so types and titles stay stable for clients.</summary>
    public static class ProblemCatalog
    {
        private const string Base = "https://github.com/modelconfig/modelconfig/blob/main/docs/problems.md#";

        public static ApiException InvalidField(string field, string detail) =>
            new ApiException(StatusCodes.Status400BadRequest, Base + "invalid-field", "A request field is missing or invalid.", detail, field);

        public static ApiException InvalidDeployment(string field, string detail) =>
            new ApiException(StatusCodes.Status400BadRequest, Base + "invalid-deployment", "The deployment cannot run as requested.", detail, field);

        public static ApiException ModelNotFound(string field, string id) =>
            new ApiException(StatusCodes.Status404NotFound, Base + "model-not-found", "No such model.", $"No model config with id '{id}' was found. GET /models lists the ids.", field);

        public static ApiException HardwareNotFound(string field, string id) =>
            new ApiException(StatusCodes.Status404NotFound, Base + "hardware-not-found", "No such hardware.", $"No hardware with id or alias '{id}' was found. GET /hardware lists the ids.", field);

        public static ApiException DataFileInvalid(string field, string id) =>
            new ApiException(StatusCodes.Status500InternalServerError, Base + "data-file-invalid", "A library file cannot be used.",
                $"The library file for '{id}' exists but cannot be read; GET /models or GET /hardware lists the error.", field);

        public static ApiException BodyTooLarge() =>
            new ApiException(StatusCodes.Status413PayloadTooLarge, Base + "body-too-large", "The request body is too large.",
                $"Request bodies are limited to {ServerSettings.MaxRequestBodyBytes} bytes.", "body");

        public static ApiException SearchTooLarge(TimeSpan budget) =>
            new ApiException(StatusCodes.Status400BadRequest, Base + "search-too-large", "The search is too large for one request.",
                $"The search did not finish within {budget.TotalSeconds:0.#} s. Name fewer hardware, a lower max_gpus, fewer concurrency levels or precisions, or leave out include_disaggregated.");

        public static ApiException ServerBusy(TimeSpan budget) =>
            new ApiException(StatusCodes.Status503ServiceUnavailable, Base + "server-busy", "The server is busy.",
                $"Every search slot stayed busy for {budget.TotalSeconds:0.#} s; try again later.");

        public static ApiException UnknownChart(string kind) =>
            new ApiException(StatusCodes.Status404NotFound, Base + "chart-not-found", "No such chart.",
                $"'{kind}' is not a chart kind; use roofline, memory_breakdown, sweep or pareto.", "kind");

        /// <summary>What a client sees for a bug: never the exception's text or stack.</summary>
        public static IResult Internal() => Problem(StatusCodes.Status500InternalServerError, Base + "internal-error",
            "The server could not complete the request.", "An unexpected error occurred; the server log has the details.", null);

        public static IResult ToResult(ApiException e) => Problem(e.Status, e.Type, e.Title, e.Message, e.Field);

        private static IResult Problem(int status, string type, string title, string detail, string? field)
        {
            var extensions = new Dictionary<string, object?>();
            if (field != null) extensions["field"] = field;
            return Results.Problem(detail: detail, statusCode: status, title: title, type: type, extensions: extensions);
        }
    }

    /// <summary>Turns <see cref="ApiException"/> into its problem and any other exception into a bare 500 problem.</summary>
    public sealed class ProblemMiddleware
    {
        private readonly RequestDelegate _next;
        private readonly ILogger<ProblemMiddleware> _log;

        public ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> log)
        {
            _next = next;
            _log = log;
        }

        public async Task InvokeAsync(HttpContext context)
        {
            IResult result;
            try
            {
                await _next(context);
                return;
            }
            catch (ApiException e)
            {
                result = ProblemCatalog.ToResult(e);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                result = ProblemCatalog.ToResult(ProblemCatalog.BodyTooLarge());
            }
            catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
            {
                _log.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                result = ProblemCatalog.Internal();
            }
            if (context.Response.HasStarted) return;
            context.Response.Clear();
            await result.ExecuteAsync(context);
        }
    }
}
