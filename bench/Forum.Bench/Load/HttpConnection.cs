using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Forum.Bench.Load;

/// <summary>
/// One HTTP/1.1 keep-alive connection that sends ready-made request bytes and reads the answer's
/// status and body length, nothing more. HttpClient would spend as much CPU per request as a small
/// server does, and on a 2-core machine the load generator shares the cores with what it measures,
/// so it must be as cheap as wrk.
/// </summary>
public sealed class HttpConnection : IAsyncDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private HttpConnection(Socket socket) => _socket = socket;

    public static async Task<HttpConnection> OpenAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new HttpConnection(socket);
    }

    /// <summary>Sends one request and reads its whole answer; returns the status code and whether the server keeps the connection.</summary>
    public async Task<(int Status, bool KeepAlive)> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        while (!request.IsEmpty)
        {
            var sent = await _socket.SendAsync(request, SocketFlags.None, cancellationToken);
            request = request[sent..];
        }

        var headerEnd = await FindAsync(HeaderEnd, cancellationToken);
        var (status, contentLength, chunked, keepAlive) = ParseHead(_buffer.AsSpan(_start, headerEnd - _start));
        _start = headerEnd + HeaderEnd.Length;

        if (chunked)
        {
            while (true)
            {
                var lineEnd = await FindAsync(LineEnd, cancellationToken);
                var size = ParseChunkSize(_buffer.AsSpan(_start, lineEnd - _start));
                _start = lineEnd + LineEnd.Length;
                // The chunk's data and the CRLF after it; the last chunk (size 0) has no trailers here.
                await SkipAsync(size + LineEnd.Length, cancellationToken);
                if (size == 0)
                {
                    break;
                }
            }
        }
        else if (contentLength > 0)
        {
            await SkipAsync(contentLength, cancellationToken);
        }
        return (status, keepAlive);
    }

    private static (int Status, long ContentLength, bool Chunked, bool KeepAlive) ParseHead(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK"
        if (head.Length < 12 || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
        {
            throw new InvalidDataException("Not an HTTP/1.1 status line: " + Encoding.ASCII.GetString(head[..Math.Min(head.Length, 40)]));
        }
        long contentLength = 0;
        var chunked = false;
        var keepAlive = true;
        var rest = head;
        while (rest.IndexOf(LineEnd) is var next and >= 0)
        {
            rest = rest[(next + 2)..];
            var lineLength = rest.IndexOf(LineEnd);
            var line = lineLength >= 0 ? rest[..lineLength] : rest;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                Utf8Parser.TryParse(value, out contentLength, out _);
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = value.IndexOf("chunked"u8) >= 0;
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                keepAlive = !Ascii.EqualsIgnoreCase(value, "close"u8);
            }
        }
        return (status, contentLength, chunked, keepAlive);
    }

    private static int ParseChunkSize(ReadOnlySpan<byte> line)
    {
        var semicolon = line.IndexOf((byte)';');
        if (semicolon >= 0)
        {
            line = line[..semicolon];
        }
        if (!Utf8Parser.TryParse(line.Trim((byte)' '), out int size, out _, 'X'))
        {
            throw new InvalidDataException("Bad chunk size: " + Encoding.ASCII.GetString(line));
        }
        return size;
    }

    /// <summary>Reads until <paramref name="marker"/> is buffered; returns its index in the buffer.</summary>
    private async Task<int> FindAsync(byte[] marker, CancellationToken cancellationToken)
    {
        var searched = _start;
        while (true)
        {
            var found = _buffer.AsSpan(searched, _end - searched).IndexOf(marker);
            if (found >= 0)
            {
                return searched + found;
            }
            searched = Math.Max(_start, _end - marker.Length + 1);
            var shift = _start;
            await FillAsync(cancellationToken);
            searched -= shift - _start;
        }
    }

    /// <summary>Consumes <paramref name="count"/> bytes of body, reading more as needed.</summary>
    private async Task SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = _end - _start;
            if (available >= count)
            {
                _start += (int)count;
                return;
            }
            count -= available;
            _start = _end = 0;
            await FillAsync(cancellationToken);
        }
    }

    /// <summary>Moves what is left to the front of the buffer and reads more after it.</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            throw new InvalidDataException("An HTTP head larger than 64 KiB.");
        }
        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }
        _end += read;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
